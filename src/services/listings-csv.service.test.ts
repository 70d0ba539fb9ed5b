import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeScheme, makeUser } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { LISTING_CSV_COLUMNS, parseCsv } from '../domain/listings-csv.ts';
import type { User } from '../domain/user.ts';
import { csvLines } from '../web/csv.ts';

/** Every column filled, in the form the export writes it, so what comes back out can be compared cell by cell. */
const full: Record<string, string> = {
  organisation_id: 'org-1',
  organisation_name: 'Yarmouth Net Menders',
  organisation_website: 'https://nets.example.org',
  organisation_email: 'hello@nets.example.org',
  organisation_phone: '01493 111222',
  organisation_description: 'Fishing families keeping the craft alive.',
  place_id: 'loft',
  place_name: 'The Net Loft',
  place_address: 'South Quay',
  place_town: 'Great Yarmouth',
  place_postcode: 'NR30 2RG',
  place_latitude: '52.6075',
  place_longitude: '1.7305',
  place_description: 'Up the outside stair; a lift at the back.',
  activity_id: 'nets',
  activity_title: 'Net mending mornings',
  activity_summary: 'Mending nets together.',
  activity_description: 'Mending fishing nets together, with tea. Beginners welcome.',
  activity_status: 'pending',
  cost: 'paid',
  price_pounds: '2.50',
  cost_note: 'Tea included',
  age_min: '16',
  age_max: '99',
  eligibility: 'Anyone who can sit for an hour',
  first_visit: 'Ring the bell at the side door; Jo will meet you.',
  group_size_max: '12',
  capacity: '20',
  funded_places: '4',
  distance_walked_m: '150',
  terrain: 'Level, paved paths',
  languages: 'English; Polish',
  months: 'March; April; May; June; July; August; September',
  how_to_join: 'Just come along, or ring first.',
  categories: 'Loneliness and isolation; Oral history; Self-referral',
  contact_name: 'Jo Netter',
  contact_email: 'jo@nets.example.org',
  contact_phone: '01493 111333',
  more_information_url: '',
  session_frequency: 'monthly',
  session_weekday: 'Tuesday',
  session_week_of_month: '1',
  session_start_date: '2026-11-03',
  session_end_date: '2027-09-28',
  session_start_time: '10:00',
  session_end_time: '12:00',
  session_note: 'In the upstairs loft',
  session_bank_holidays: 'all',
};
const rows = [
  full,
  { ...full, session_frequency: 'weekly', session_weekday: 'Thursday', session_week_of_month: '', session_bank_holidays: 'none', session_note: '' },
  {
    ...full,
    activity_id: 'walk',
    activity_title: 'Harbour walk',
    activity_summary: 'A slow walk.',
    terrain: '',
    languages: 'English',
    months: 'January; February; March; April; May; June; July; August; September; October; November; December',
    group_size_max: '',
    capacity: '',
    funded_places: '',
    distance_walked_m: '',
    cost: 'free',
    price_pounds: '',
    cost_note: 'Free',
    session_frequency: '',
    session_weekday: '',
    session_week_of_month: '',
    session_start_date: '',
    session_end_date: '',
    session_start_time: '',
    session_end_time: '',
    session_note: '',
    session_bank_holidays: '',
  },
];
const file = csvLines([[...LISTING_CSV_COLUMNS], ...rows.map((r) => LISTING_CSV_COLUMNS.map((c) => r[c] ?? ''))]);
const ID_COLUMNS = ['organisation_id', 'place_id', 'activity_id'] as const;

describe.each(ENGINES)('listings spreadsheets ($name)', (engine) => {
  const apps: TestApp[] = [];
  const coordinatorOf = async (t: TestApp): Promise<User> => {
    const schemeId = await makeScheme(t.db);
    const u = await makeUser(t.db, { role: 'coordinator', schemeId });
    return { id: u.id, email: u.email, displayName: 'C', role: 'coordinator', organisationIds: [], schemeId };
  };
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp(engine);
    second = await createTestApp(engine);
    apps.push(first, second);
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('round trip: every column survives export, import into an empty area, and export again unchanged', async () => {
    const a = await coordinatorOf(first);
    const imported = await first.services.listingsCsv.importFile(a, { name: 'Net menders', text: file }, false);
    expect(imported.ok && imported.problems).toBe(0);
    const exported = await first.services.listingsCsv.exportRows(a);
    const [header, ...body] = exported;
    expect(header).toEqual([...LISTING_CSV_COLUMNS]);
    // What went in comes out, column by column (Waymark's own ids aside): no column falls back to a default.
    const byKey = (r: string[]) => `${r[LISTING_CSV_COLUMNS.indexOf('activity_title')]}|${r[LISTING_CSV_COLUMNS.indexOf('session_weekday')]}`;
    for (const given of rows) {
      const out = body.find((r) => byKey(r) === `${given.activity_title}|${given.session_weekday}`);
      expect(out, given.activity_title).toBeDefined();
      for (const [i, column] of LISTING_CSV_COLUMNS.entries()) {
        if ((ID_COLUMNS as readonly string[]).includes(column)) continue;
        expect({ column, value: out![i] }).toEqual({ column, value: given[column] ?? '' });
      }
    }

    const b = await coordinatorOf(second);
    const again = await second.services.listingsCsv.importFile(b, { name: 'From the other install', text: csvLines(exported) }, false);
    expect(again.ok && again.problems).toBe(0);
    const reExported = await second.services.listingsCsv.exportRows(b);
    // The second install gives its own ids; mapped back row by row, the file is the same.
    const mapped = reExported.map((r, row) =>
      r.map((cell, i) => ((ID_COLUMNS as readonly string[]).includes(LISTING_CSV_COLUMNS[i]!) && row > 0 ? exported[row]![i]! : cell)),
    );
    expect(csvLines(mapped)).toBe(csvLines(exported));
    // …and the id columns hold one id per record, in the same places.
    for (const column of ID_COLUMNS) {
      const i = LISTING_CSV_COLUMNS.indexOf(column);
      const pairs = new Set(reExported.slice(1).map((r, row) => `${r[i]}>${exported[row + 1]![i]}`));
      expect(pairs.size).toBe(new Set(exported.slice(1).map((r) => r[i])).size);
    }
  });

  it('says what is wrong with the new columns, by column', async () => {
    const a = await coordinatorOf(first);
    const bad: Record<string, string> = {
      ...full,
      organisation_phone: 'ring us',
      group_size_max: '-3',
      terrain: 'swamp',
      languages: 'Klingon',
      months: 'Smarch',
      session_bank_holidays: 'sometimes',
    };
    const text = csvLines([[...LISTING_CSV_COLUMNS], LISTING_CSV_COLUMNS.map((c) => bad[c] ?? '')]);
    const checked = await first.services.listingsCsv.check(a, { name: 'bad', text });
    expect(checked.ok).toBe(true);
    const messages = checked.ok ? checked.rows[0]!.messages.join('\n') : '';
    for (const column of ['organisation_phone', 'group_size_max', 'terrain', 'languages', 'months', 'session_bank_holidays'])
      expect(messages).toContain(`${column}:`);
    expect(parseCsv(text)).toHaveLength(2);
  });
});
