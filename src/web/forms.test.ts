import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationFailed } from '../domain/errors.ts';
import { auditQuery } from './features/admin/audit.query.ts';
import { inboxQuery } from './features/inbox/inbox.query.ts';
import { required, withDates } from './form-fields.ts';
import { parseForm, parseOrFail } from './forms.ts';

describe('parsing a form at the edge', () => {
  const form = withDates(['startDate'], z.object({ name: required('Enter a name', 'Name', 10), startDate: z.string().min(1, 'Enter a date') }));

  it('lists problems in the order of the form, one per field, each linking to its field', () => {
    expect(parseForm(form, { name: 'x'.repeat(11) })).toEqual({
      ok: false,
      errors: [
        { text: 'Name must be 10 characters or fewer', href: '#name' },
        { text: 'Enter a date', href: '#startDate' },
      ],
      fieldErrors: { name: 'Name must be 10 characters or fewer', startDate: 'Enter a date' },
    });
  });

  it('joins the date input’s day, month and year, and refuses with ValidationFailed when asked to', () => {
    expect(parseOrFail(form, { name: 'Jo', startDateDay: '3', startDateMonth: '12', startDateYear: '2026' })).toEqual({ name: 'Jo', startDate: '2026-12-03' });
    expect(() => parseOrFail(form, undefined)).toThrow(ValidationFailed);
  });

  it('ignores malformed filters in a query string rather than refusing the page', () => {
    expect(parseOrFail(inboxQuery, {}).status).toBe('open');
    expect(parseOrFail(inboxQuery, { status: 'declined' }).status).toBe('declined');
    expect(parseOrFail(inboxQuery, { status: 'nonsense' }).status).toBe('open');
    expect(parseOrFail(auditQuery, { actor: 'not-an-id', from: '2026-02-30x', to: '2026-11-21', page: '-3' })).toEqual({
      subject: '',
      actor: '',
      from: '',
      to: '2026-11-21',
      page: 1,
    });
  });
});
