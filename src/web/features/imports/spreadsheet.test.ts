import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTING_CSV_COLUMNS } from '../../../domain/listings-csv.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { makeScheme, makeUser } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { csvLines } from '../../csv.ts';
import { paths } from '../../paths.ts';

const row = (over: Record<string, string> = {}): Record<string, string> => ({
  organisation_id: 'org-1',
  organisation_name: 'Yarmouth Net Menders',
  place_id: 'loft',
  place_name: 'The Net Loft',
  place_address: 'South Quay',
  place_town: 'Great Yarmouth',
  place_postcode: 'NR30 2RG',
  place_latitude: '52.6075',
  place_longitude: '1.7305',
  activity_id: 'nets',
  activity_title: 'Net mending mornings',
  activity_description: 'Mending fishing nets together, with tea.',
  cost: 'free',
  categories: 'Loneliness',
  session_frequency: 'weekly',
  session_weekday: 'Tuesday',
  session_start_time: '10:00',
  session_end_time: '12:00',
  ...over,
});
const csv = (...rows: Record<string, string>[]) => csvLines([[...LISTING_CSV_COLUMNS], ...rows.map((r) => LISTING_CSV_COLUMNS.map((c) => r[c] ?? ''))]);
const upload = (content: string | Buffer) => ({ listingsFile: { name: 'listings.csv', type: 'text/csv', content } });

describe.each(ENGINES)('listings in a spreadsheet ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;
  const activities = () => count(`select count(*)::int as n from activities`);

  beforeAll(async () => {
    t = await createTestApp(engine);
    const u = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db) });
    coordinator = new Visitor(t.app);
    await coordinator.signIn(u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const good = csv(
    row(),
    row({ session_weekday: 'Thursday' }),
    row({ activity_id: 'walk', activity_title: 'Harbour walk', session_frequency: '', session_weekday: '', session_start_time: '', session_end_time: '' }),
  );
  const oneBad = csv(
    row(),
    row({ activity_id: 'walk', activity_title: 'Harbour walk', session_start_time: 'ten' }),
    row({ activity_id: 'far', activity_title: 'Far away', place_id: 'york', place_postcode: 'YO1 7HH', place_latitude: '53.96', place_longitude: '-1.08' }),
  );

  it('checks a file row by row and changes nothing', async () => {
    const res = await coordinator.postMultipart(paths.imports.spreadsheet, { sourceName: 'Net menders' }, upload(oneBad));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check what the import would do');
    expect(res.body).toContain('session_start_time: Enter the start time as 24-hour hours and minutes');
    expect(res.body).toContain('outside your area');
    expect(res.body).toContain('2 rows with a problem');
    expect(res.body).toContain('Import the valid rows');
    expect(await activities()).toBe(0);
  });

  it('imports nothing from a file with problems unless asked for the valid rows, then only those, into moderation', async () => {
    const refused = await coordinator.postMultipart(paths.imports.spreadsheetConfirm, { sourceName: 'Net menders' }, upload(oneBad));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('2 rows of the file have problems, so nothing was imported');
    expect(await activities()).toBe(0);
    expect(await count('select count(*)::int as n from import_runs')).toBe(0);

    const done = await coordinator.postMultipart(paths.imports.spreadsheetConfirm, { sourceName: 'Net menders', validRowsOnly: 'yes' }, upload(oneBad));
    expect(done.statusCode).toBe(303);
    const report = await coordinator.get(done.headers.location!);
    expect(report.body).toContain('A spreadsheet of listings');
    expect(report.body).toContain('Net mending mornings');
    expect(await count(`select count(*)::int as n from activities where status = 'pending'`)).toBe(1);
  });

  it('updates rather than duplicates on a re-import, and withdraws what the file no longer has', async () => {
    const first = await coordinator.postMultipart(paths.imports.spreadsheetConfirm, { sourceName: 'Net menders' }, upload(good));
    expect(first.statusCode).toBe(303);
    expect(await activities()).toBe(2);
    expect(
      await count(`select count(*)::int as n from activity_sessions s join activities a on a.id = s.activity_id where a.title = 'Net mending mornings'`),
    ).toBe(2);

    // Checking the shorter file first says what importing it would withdraw, and withdraws nothing.
    const check = await coordinator.postMultipart(
      paths.imports.spreadsheet,
      { sourceName: 'Net menders' },
      upload(csv(row({ activity_title: 'Net mending' }))),
    );
    expect(check.body).toContain('1 would be withdrawn');
    expect(check.body).toMatch(/Not in the file<\/td>\s*<td class="nhsuk-table__cell">Harbour walk/);
    expect(await count(`select count(*)::int as n from activities where status = 'withdrawn'`)).toBe(0);

    const again = await coordinator.postMultipart(
      paths.imports.spreadsheetConfirm,
      { sourceName: 'Net menders' },
      upload(csv(row({ activity_title: 'Net mending' }))),
    );
    expect(again.statusCode).toBe(303);
    const report = await coordinator.get(again.headers.location!);
    expect(report.body).toContain('1 withdrawn');
    expect(await activities()).toBe(2);
    expect(await count(`select count(*)::int as n from activities where title = 'Net mending'`)).toBe(1);
    expect(await count(`select count(*)::int as n from activities where title = 'Harbour walk' and status = 'withdrawn'`)).toBe(1);
  });

  it('exports the listings in the coordinator’s area, formulas defused, in the columns it imports', async () => {
    await t.db.query(`update activities set description = '=HYPERLINK("http://evil.example")' where title = 'Net mending'`);
    const res = await coordinator.get(paths.imports.spreadsheetExport);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = res.body.trim().split('\r\n');
    expect(header).toBe(LISTING_CSV_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[0]).toContain('"Tuesday"');
    expect(await count(`select count(*)::int as n from audit_events where action = 'listings.exported'`)).toBe(1);
  });

  it('refuses wrong columns, text that is not UTF-8 and huge files with a message next to the file, changing nothing', async () => {
    const before = await activities();
    const wrong = await coordinator.postMultipart(paths.imports.spreadsheet, { sourceName: 'x' }, upload('name,postcode\r\nA,NR30 1AA\r\n'));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('The file’s first row must name Waymark’s columns');
    const latin1 = await coordinator.postMultipart(
      paths.imports.spreadsheet,
      { sourceName: 'x' },
      upload(Buffer.from(csv(row({ activity_title: 'Café' })), 'latin1')),
    );
    expect(latin1.statusCode).toBe(422);
    expect(latin1.body).toContain('The file is not UTF-8 text');
    const huge = await coordinator.postMultipart(paths.imports.spreadsheet, { sourceName: 'x' }, upload(Buffer.alloc(6 * 1024 * 1024, 'a')));
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('The file must be smaller than 5 MB');
    const noName = await coordinator.postMultipart(paths.imports.spreadsheet, {}, upload(good));
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('Enter a name for the file’s listings');
    expect(await activities()).toBe(before);
  });
});
