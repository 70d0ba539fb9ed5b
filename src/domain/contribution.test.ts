import { describe, expect, it } from 'vitest';
import { type Contribution, canMoveContribution, creditLine, isPublic, missingBeforeSubmit } from './contribution.ts';

const draft: Contribution = {
  id: 'c1',
  kind: 'place',
  status: 'draft',
  contributorId: 'u1',
  enteredForOrganisationId: null,
  tellerConsentAt: null,
  privateToGroup: false,
  creditKind: 'full_name',
  creditName: 'Maureen Cole',
  licence: 'cc_by_sa_4',
  title: 'The bandstand',
  placeKind: 'structure',
  body: 'Brass bands on Sundays.',
  approximateDate: null,
  oneOfSeveralViews: false,
  postcode: 'NR301NE',
  whereDescription: null,
  easting: 652388,
  northing: 307989,
  areaOutcode: 'NR30',
  aboutHeritageAssetId: null,
  aboutPlaceId: null,
  aboutActivityId: null,
  aboutWalkStopId: null,
  statusMessage: null,
  hiddenByReports: false,
  submittedAt: null,
  publishedAt: null,
  createdAt: new Date('2026-11-21T10:00:00Z'),
  updatedAt: new Date('2026-11-21T10:00:00Z'),
};

describe('community heritage contributions', () => {
  it('lets only the contributor send a draft, and only a moderator publish it or ask for changes', () => {
    expect(canMoveContribution('draft', 'waiting_for_review', 'contributor')).toBe(true);
    expect(canMoveContribution('draft', 'published', 'contributor')).toBe(false);
    expect(canMoveContribution('waiting_for_review', 'published', 'contributor')).toBe(false);
    expect(canMoveContribution('waiting_for_review', 'published', 'moderator')).toBe(true);
    expect(canMoveContribution('waiting_for_review', 'changes_requested', 'moderator')).toBe(true);
    expect(canMoveContribution('changes_requested', 'waiting_for_review', 'contributor')).toBe(true);
    expect(canMoveContribution('reported', 'published', 'moderator')).toBe(true);
    expect(canMoveContribution('removed', 'published', 'moderator')).toBe(false);
  });

  it('lists what is missing before a draft can be sent, including the teller’s consent when staff enter it', () => {
    expect(missingBeforeSubmit(draft, [], { onBehalf: false })).toEqual([]);
    const bare = { ...draft, body: ' ', creditName: '', placeKind: null };
    expect(missingBeforeSubmit(bare, [{ altText: '' }], { onBehalf: true }).map((m) => m.field)).toEqual([
      'body',
      'placeKind',
      'creditName',
      'tellerConsent',
      'altText',
    ]);
  });

  it('credits only what the contributor chose, and shows nothing private or hidden', () => {
    expect(creditLine({ creditKind: 'anonymous', creditName: 'Maureen Cole' })).toBe('Anonymous');
    expect(creditLine({ creditKind: 'first_name', creditName: 'Maureen' })).toBe('Maureen');
    expect(isPublic({ ...draft, status: 'published' })).toBe(true);
    expect(isPublic({ ...draft, status: 'reported' })).toBe(true);
    expect(isPublic({ ...draft, status: 'reported', hiddenByReports: true })).toBe(false);
    expect(isPublic({ ...draft, status: 'published', privateToGroup: true })).toBe(false);
    expect(isPublic({ ...draft, status: 'waiting_for_review' })).toBe(false);
  });
});
