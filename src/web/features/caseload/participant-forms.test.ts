import { describe, expect, it } from 'vitest';
import { parseTags } from '../../../domain/participant-form.ts';
import { parseConsentForm } from './consent.form.ts';
import { parseParticipantForm } from './participant.form.ts';

const base = { preferredName: 'Maggie', contactPreference: 'phone', phone: '01493 846346' };
const fieldsOf = (r: ReturnType<typeof parseParticipantForm>) => (r.ok ? [] : r.errors.map((e) => e.field));
const messageFor = (r: ReturnType<typeof parseParticipantForm>, field: string) => (r.ok ? undefined : r.errors.find((e) => e.field === field)?.message);

describe('participant form', () => {
  it('asks for a name and a contact preference', () => {
    const r = parseParticipantForm({});
    expect(fieldsOf(r)).toEqual(expect.arrayContaining(['preferredName', 'contactPreference']));
    expect(messageFor(r, 'preferredName')).toBe('Enter the name they would like to be called');
  });

  it('requires the contact detail that matches the preference', () => {
    expect(messageFor(parseParticipantForm({ ...base, phone: '' }), 'phone')).toBe('Enter a phone number, as they prefer phone calls');
    expect(messageFor(parseParticipantForm({ ...base, contactPreference: 'text', phone: '' }), 'phone')).toBe(
      'Enter a mobile number, as they prefer text messages',
    );
    expect(messageFor(parseParticipantForm({ ...base, contactPreference: 'email', phone: '' }), 'email')).toBe('Enter an email address, as they prefer email');
    expect(messageFor(parseParticipantForm({ ...base, contactPreference: 'letter', phone: '' }), 'address')).toBe(
      'Enter a postal address, as they prefer letters',
    );
    expect(parseParticipantForm({ ...base, contactPreference: 'letter', phone: '', address: '1 Quay Road, Great Yarmouth' }).ok).toBe(true);
  });

  it('checks UK phone numbers, and asks for a mobile for text messages', () => {
    expect(messageFor(parseParticipantForm({ ...base, phone: '12345' }), 'phone')).toContain('Enter a UK phone number');
    expect(messageFor(parseParticipantForm({ ...base, contactPreference: 'text' }), 'phone')).toContain('Enter a mobile number for text messages');
    const ok = parseParticipantForm({ ...base, contactPreference: 'text', phone: '+44 7700 900982' });
    expect(ok.ok && ok.input.phone).toBe('+447700900982');
  });

  it('checks an email address even when it is not the preference', () => {
    expect(messageFor(parseParticipantForm({ ...base, email: 'not-an-email' }), 'email')).toContain('correct format');
  });

  it('reads tags as short comma-separated words, without repeats', () => {
    expect(parseTags(' Boats, singing ,boats,, family  history ')).toEqual(['boats', 'singing', 'family history']);
    expect(messageFor(parseParticipantForm({ ...base, tags: 'a'.repeat(31) }), 'tags')).toBe('Each tag must be 30 characters or fewer');
  });

  it('accepts only codes from the vocabularies, and defaults to English', () => {
    expect(fieldsOf(parseParticipantForm({ ...base, needs: ['loneliness', 'nonsense'] }))).toEqual(['needs']);
    const r = parseParticipantForm({ ...base, availableDays: ['1', '3'], availableTimes: 'morning', interests: 'walk' });
    expect(r.ok && r.input).toMatchObject({ availableDays: [1, 3], availableTimes: ['morning'], interests: ['walk'], languages: ['en'], postcode: null });
  });
});

describe('consent form', () => {
  it('needs what was agreed and how', () => {
    const r = parseConsentForm({});
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['purposes', 'method']);
  });

  it('is given now unless an earlier date is entered, which must be a real date', () => {
    const nowOk = parseConsentForm({ purposes: ['referral', 'follow_up'], method: 'verbal', when: 'now' });
    expect(nowOk.ok && nowOk.input).toEqual({ purposes: ['referral', 'follow_up'], method: 'verbal', givenOn: null, note: '' });
    const past = parseConsentForm({
      purposes: 'referral',
      method: 'written',
      when: 'earlier',
      'givenOn-day': '3',
      'givenOn-month': '10',
      'givenOn-year': '2026',
    });
    expect(past.ok && past.input.givenOn?.toISOString()).toBe('2026-10-03T00:00:00.000Z');
    const invalid = parseConsentForm({
      purposes: 'referral',
      method: 'written',
      when: 'earlier',
      'givenOn-day': '31',
      'givenOn-month': '2',
      'givenOn-year': '2026',
    });
    expect(invalid.ok ? '' : invalid.errors[0]?.field).toBe('givenOn-day');
  });
});
