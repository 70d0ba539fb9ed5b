import { describe, expect, it } from 'vitest';
import { checkLocation, htmlToText, readFeedPage, readSchedule, splitPhoneFromAddress } from './oruk-import.ts';

describe('reading Open Referral feeds', () => {
  it('turns HTML into plain text without running or keeping markup', () => {
    expect(htmlToText('<p>Tea &amp; cake</p><script>alert("x")</script><p>Bring&nbsp;a friend&#33;</p>')).toBe('Tea & cake\nBring a friend!');
    expect(htmlToText('<img src=x onerror=alert(1)>Hello <b>there</b>')).toBe('Hello there');
    expect(htmlToText('&lt;script&gt;')).toBe('<script>');
    expect(htmlToText('No markup here')).toBe('No markup here');
  });

  it('takes a phone number out of an address line', () => {
    expect(splitPhoneFromAddress('12 High Street, Tel: 01373 123456')).toEqual({ text: '12 High Street', phone: '+441373123456' });
    expect(splitPhoneFromAddress('Flat 2, 10 Market Place')).toEqual({ text: 'Flat 2, 10 Market Place', phone: null });
  });

  it('recognises both versions’ paging envelopes and when a page is the last', () => {
    expect(readFeedPage({ content: [1], totalPages: 3, number: 3, last: false })).toMatchObject({ version: '1.0', last: true });
    expect(readFeedPage({ content: [1], totalPages: 3, number: 1 })).toMatchObject({ version: '1.0', last: false });
    expect(readFeedPage({ contents: [1], total_pages: 2, page_number: 1, last_page: false })).toMatchObject({ version: '3.0', last: false });
    expect(readFeedPage({ contents: [], total_pages: 9, page_number: 4 })).toMatchObject({ last: true });
    expect(readFeedPage({ services: [] })).toBeUndefined();
  });

  it('keeps the schedules Waymark can hold and says why it leaves the others out', () => {
    expect(readSchedule({ opens_at: '10:00:00', closes_at: '12:00:00', freq: 'WEEKLY', interval: 2, byday: 'WE' })).toMatchObject({
      frequency: 'fortnightly',
      weekday: 3,
    });
    expect(readSchedule({ opens_at: '10:00', closes_at: '12:00', freq: 'MONTHLY', byday: '-1FR' })).toMatchObject({
      frequency: 'monthly',
      weekday: 5,
      weekOfMonth: -1,
    });
    expect(readSchedule({ opens_at: '10:00', closes_at: '12:00', valid_from: '2026-12-05', valid_to: '2026-12-05' })).toMatchObject({
      frequency: 'once',
      weekday: 6,
    });
    expect(readSchedule({ opens_at: '10:00', closes_at: '09:00', freq: 'WEEKLY', byday: 'MO' })).toMatch(/closing/);
    expect(readSchedule({ freq: 'WEEKLY', byday: 'MO' })).toMatch(/without opening and closing times/);
  });

  it('refuses a location without a full postcode, with the reason', () => {
    const base = { externalId: 'l1', name: 'Hall', addressLine: '', town: '', latitude: null, longitude: null, description: '', phoneInAddress: null };
    expect(checkLocation({ ...base, postcode: '' })).toMatch(/has no postcode/);
    expect(checkLocation({ ...base, postcode: 'BA11' })).toMatch(/not a full UK postcode/);
    expect(checkLocation({ ...base, postcode: 'ba11 1aa' })).toMatchObject({ postcodeNormalised: 'BA111AA' });
  });
});
