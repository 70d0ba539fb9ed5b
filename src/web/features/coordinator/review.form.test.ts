import { describe, expect, it } from 'vitest';
import { parseForm } from '../../forms.ts';
import { listingReviewForm, organisationReviewForm } from './review.form.ts';

describe('review decisions', () => {
  it('approves only on "approve"; anything else is a rejection that needs a reason', () => {
    expect(parseForm(listingReviewForm, { decision: 'approve', reason: '' })).toEqual({ ok: true, data: { decision: 'approve' } });
    expect(parseForm(listingReviewForm, { decision: 'reject', reason: ' ' })).toMatchObject({
      ok: false,
      fieldErrors: { reason: 'Enter a reason, so the provider knows what to change' },
    });
    expect(parseForm(listingReviewForm, { reason: 'Add the price' })).toEqual({ ok: true, data: { decision: 'reject', reason: 'Add the price' } });
  });

  it('keeps an optional note when approving an organisation, blank as none', () => {
    expect(parseForm(organisationReviewForm, { decision: 'approve', note: '  ' })).toEqual({ ok: true, data: { decision: 'approve', note: null } });
    expect(parseForm(organisationReviewForm, { decision: 'approve', note: 'Checked' })).toEqual({ ok: true, data: { decision: 'approve', note: 'Checked' } });
  });
});
