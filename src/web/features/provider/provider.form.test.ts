import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../../domain/errors.ts';
import { parseOrFail } from '../../forms.ts';
import { activityForm } from './activity.form.ts';
import { organisationForm } from './organisation.form.ts';
import { placeForm } from './place.form.ts';
import { cancellationForm, sessionForm } from './session.form.ts';

const messages = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) =>
  Object.fromEntries((schema.safeParse(input).error?.issues ?? []).reverse().map((i) => [String(i.path[0]), i.message])); // first per field, as shown

const valid = {
  placeId: '7d1b9f8e-4c1a-4f5e-9a51-0c6b1d2e3f40',
  title: 'Memory café',
  summary: 'Tea and old photographs.',
  activityTypes: 'memory_cafe',
  costType: 'free',
  referralRoutes: ['link_worker'],
  languages: 'en',
  months: ['1', '2'],
};

describe('activity validation', () => {
  it('turns a valid form into activity content, with the price in pence and blanks as null', () => {
    const c = activityForm.parse({ ...valid, costType: 'paid', pricePounds: '£3.5', ageMin: '18', ageMax: '', contactEmail: '' });
    expect(c).toMatchObject({ activityTypes: ['memory_cafe'], pricePence: 350, ageMin: 18, ageMax: null, contactEmail: null, months: [1, 2], terrain: null });
  });

  it('drops a price for a free activity', () => {
    expect(activityForm.parse({ ...valid, costType: 'free', pricePounds: '4' }).pricePence).toBeNull();
  });

  it('says what is wrong with each field in plain words', () => {
    expect(
      messages(activityForm, { placeId: '', costType: 'paid', ageMin: '70', ageMax: '65', distanceWalkedM: '1.5km', contactEmail: 'jo@', months: [] }),
    ).toEqual({
      placeId: 'Choose the place where the activity happens',
      title: 'Enter a title',
      summary: 'Enter a short summary',
      activityTypes: 'Choose at least one activity type',
      ageMax: 'Maximum age must be the same as or more than the minimum age',
      pricePounds: 'Enter a price, like 3.50',
      distanceWalkedM: 'Distance walked must be a whole number, like 800',
      referralRoutes: 'Choose at least one way people can join',
      languages: 'Choose at least one language',
      months: 'Choose at least one month when the activity runs',
      contactEmail: 'Enter an email address in the correct format, like name@example.org',
    });
  });

  it('refuses codes that are not in the vocabularies and prices that are not money', () => {
    expect(messages(activityForm, { ...valid, needs: ['flying'], costType: 'paid', pricePounds: '3.505', terrain: 'lava' })).toEqual({
      needs: 'Choose needs from the list',
      pricePounds: 'Enter a price, like 3.50',
      terrain: 'Choose the terrain from the list',
    });
    expect(messages(activityForm, { ...valid, summary: 'x'.repeat(201) }).summary).toBe('Summary must be 200 characters or fewer');
  });
});

describe('organisation and place validation', () => {
  it('asks for a name, a type and a working email address; adds https to a bare website', () => {
    expect(messages(organisationForm, { website: 'not a site' })).toEqual({
      name: 'Enter the name of your organisation',
      orgType: 'Choose the type of organisation',
      email: 'Enter an email address for the organisation',
      website: 'Enter a website address, like https://example.org',
    });
    expect(organisationForm.parse({ name: 'Trust', orgType: 'club', email: 'a@example.org', website: 'example.org' }).website).toBe('https://example.org');
  });

  it('checks a National Heritage List entry is 7 digits from 1000000 to 1999999', () => {
    const base = { name: 'Tolhouse', town: 'Great Yarmouth', postcode: 'nr30 2es' };
    expect(placeForm.parse({ ...base, nhleListEntry: '1096802' })).toMatchObject({ nhleListEntry: 1096802, postcode: 'NR302ES', communityValued: false });
    for (const bad of ['2096802', '999999', '10968021', 'abc']) {
      expect(messages(placeForm, { ...base, nhleListEntry: bad }).nhleListEntry).toBe('List entry number must be 7 digits starting with 1, like 1096802');
    }
    expect(messages(placeForm, { ...base, postcode: 'NR30' }).postcode).toBe('Enter a full postcode, like NR30 1NE');
    expect(placeForm.parse({ ...base, communityValued: 'yes' }).communityValued).toBe(true);
  });
});

describe('session validation', () => {
  it('reads a monthly pattern as the nth weekday', () => {
    expect(
      parseOrFail(sessionForm, { frequency: 'monthly', weekday: '2', weekOfMonth: '-1', startDate: '2026-01-01', startTime: '9.30', endTime: '11:00' }),
    ).toEqual({
      frequency: 'monthly',
      weekday: 2,
      weekOfMonth: -1,
      startDate: '2026-01-01',
      endDate: null,
      startTime: '09:30',
      endTime: '11:00',
      note: '',
      bankHolidays: 'not_christmas',
    });
  });

  it('asks whether a series runs on bank holidays (not on Christmas Day, Boxing Day or New Year’s Day unless they say), and refuses an unknown answer', () => {
    const weekly = { frequency: 'weekly', weekday: '5', startDate: '2026-01-02', startTime: '10:00', endTime: '12:00' };
    expect(parseOrFail(sessionForm, { ...weekly, bankHolidays: 'none' }).bankHolidays).toBe('none');
    expect(() => parseOrFail(sessionForm, { ...weekly, bankHolidays: 'sometimes' })).toThrow('Choose whether it runs on bank holidays');
    expect(parseOrFail(sessionForm, { ...weekly, frequency: 'once', startDate: '2026-12-25', bankHolidays: 'none' }).bankHolidays).toBe('all');
  });

  it("takes a one-off session's weekday from its date and ignores an end date", () => {
    expect(parseOrFail(sessionForm, { frequency: 'once', startDate: '2026-12-05', endDate: '2027-01-01', startTime: '10:00', endTime: '12:00' })).toMatchObject(
      {
        weekday: 6,
        endDate: null,
        weekOfMonth: null,
      },
    );
  });

  it('needs the end after the start, for dates and times', () => {
    expect(
      messages(sessionForm, { frequency: 'weekly', weekday: '3', startDate: '2026-05-01', endDate: '2026-04-01', startTime: '10:00', endTime: '10:00' }),
    ).toEqual({
      endDate: 'End date must be the same as or after the start date',
      endTime: 'End time must be after the start time',
    });
    expect(() => parseOrFail(sessionForm, { frequency: 'weekly' })).toThrow(ValidationFailed);
    expect(messages(sessionForm, { frequency: 'weekly', startDate: '2026-02-30', startTime: '25:00', endTime: '' })).toEqual({
      weekday: 'Choose the day of the week',
      startDate: 'Start date must be a real date',
      startTime: 'Start time must be a real time, like 10am, 2:30pm or 14:30',
      endTime: 'Enter an end time, like 12pm',
    });
  });

  it('takes times the way the site writes them (2pm, 2:30pm) as well as the 24-hour clock', () => {
    const at = (startTime: string, endTime: string) =>
      parseOrFail(sessionForm, { frequency: 'weekly', weekday: '2', startDate: '2026-05-05', startTime, endTime });
    expect(at('10am', '2pm')).toMatchObject({ startTime: '10:00', endTime: '14:00' });
    expect(at('9.30 am', '12:15 P.M.')).toMatchObject({ startTime: '09:30', endTime: '12:15' });
    expect(at('12am', 'midday')).toMatchObject({ startTime: '00:00', endTime: '12:00' });
    expect(at('0930', '14.30')).toMatchObject({ startTime: '09:30', endTime: '14:30' });
    expect(messages(sessionForm, { frequency: 'weekly', weekday: '2', startDate: '2026-05-05', startTime: '13pm', endTime: '2pm' }).startTime).toBe(
      'Start time must be a real time, like 10am, 2:30pm or 14:30',
    );
    expect(messages(sessionForm, { frequency: 'weekly', weekday: '2', startDate: '2026-05-05', startTime: '2pm', endTime: '11am' }).endTime).toBe(
      'End time must be after the start time',
    );
  });
});

describe('error order', () => {
  it('lists problems in the order of the form, cross-field ones included', () => {
    try {
      parseOrFail(sessionForm, { frequency: 'weekly', startTime: '10:00', endTime: '09:00' });
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationFailed).errors.map((e) => e.field)).toEqual(['weekday', 'startDate', 'endTime']);
    }
  });
});

describe('dates from the NHS.UK date input', () => {
  it('joins day, month and year into one date, and refuses a date that does not exist', () => {
    const base = { frequency: 'once', startTime: '10:00', endTime: '11:00' };
    expect(parseOrFail(sessionForm, { ...base, startDateDay: '5', startDateMonth: '12', startDateYear: '2026' }).startDate).toBe('2026-12-05');
    expect(messages(sessionForm, { ...base, startDateDay: '31', startDateMonth: '2', startDateYear: '2026' }).startDate).toBe('Start date must be a real date');
    expect(messages(cancellationForm, { date: '2026-12-05' }).reason).toBe('Enter a reason, like "Leader unwell"');
  });
});
