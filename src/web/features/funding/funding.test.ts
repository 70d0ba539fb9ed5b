import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importThreeSixtyGiving } from '../../../data/import/threesixty-giving.importer.ts';
import { addDays, londonDate } from '../../../domain/schedule.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { makeOrganisation, makeUser } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

const today = londonDate(new Date(TEST_NOW));
const DAY = 24 * 60 * 60 * 1000;
const csvRow = (programme: string, deadline: string, areas = 'England', funds = 'Heritage projects') =>
  `Heritage Fund,${programme},${funds},,1000,10000,,${areas},${deadline},https://funder.example.org/${programme.replace(/\W/g, '')}`;
const HEADER = 'Funder,Programme,What it funds,Summary,Minimum amount (£),Maximum amount (£),Eligibility,Areas,Deadline,Link';

/** Issue 12: funding opportunities kept by coordinators, public and filterable, CSV in and out, reminders before deadlines. */
describe.each(ENGINES)('funding opportunities ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  let provider: Visitor;
  let providerEmail: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const c = await makeUser(t.db, { role: 'coordinator' });
    coordinator = new Visitor(t.app);
    await coordinator.signIn(c.email, c.password);
    const org = await makeOrganisation(t.db, { name: 'Gorleston Heritage Singers' });
    const p = await makeUser(t.db, { role: 'provider', organisationId: org });
    providerEmail = p.email;
    provider = new Visitor(t.app);
    await provider.signIn(p.email, p.password);
  });
  afterAll(async () => t?.close());

  it('refuses an opportunity without what it must say, with a message by each field, and adds nothing', async () => {
    const res = await coordinator.post(paths.funding.manage, { funder: 'Heritage Fund', programme: '', areas: '', link: 'not a link', deadline: '31/02/2027' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter the programme');
    expect(res.body).toContain('Enter the deadline as a date');
    expect(res.body).toContain('Enter the link as a web address');
    expect((await t.db.query('select 1 from funding_opportunities')).length).toBe(0);
  });

  it('imports nothing when a row has problems, says which, and imports the valid rows when asked', async () => {
    const csv = [
      HEADER,
      csvRow('Closing Soon Grants', addDays(today, 10)),
      csvRow('Broken', 'next week'),
      csvRow('Norfolk Open', addDays(today, 60), 'Norfolk', 'Health and wellbeing'),
    ].join('\n');
    const refused = await coordinator.post(paths.funding.import, { csv });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('1 of 3 rows have problems: nothing was imported');
    expect(refused.body).toMatch(/<td class="nhsuk-table__cell">3<\/td><td class="nhsuk-table__cell">Enter the deadline as a date/);
    expect((await t.db.query('select 1 from funding_opportunities')).length).toBe(0);
    const accepted = await coordinator.post(paths.funding.import, { csv, validOnly: 'yes' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('2 rows were imported');
    const added = await coordinator.post(paths.funding.manage, {
      funder: 'Old Trust',
      programme: 'Closed Fund',
      funds: 'capital',
      areas: 'Suffolk',
      link: 'https://old.example.org',
      deadline: addDays(today, -5),
    });
    expect(added.statusCode).toBe(303);
  });

  it('shows the public open now, closing soon, by area and by what it funds, and exports the list', async () => {
    const open = (await new Visitor(t.app).get(paths.funding.list)).body;
    expect(open).toContain('Closing Soon Grants');
    expect(open).toContain('Norfolk Open');
    expect(open).not.toContain('Closed Fund');
    const soon = (await new Visitor(t.app).get(`${paths.funding.list}?when=closing_soon`)).body;
    expect(soon).toContain('Closing Soon Grants');
    expect(soon).not.toContain('Norfolk Open');
    const frome = (await new Visitor(t.app).get(`${paths.funding.list}?area=Frome`)).body;
    expect(frome).toContain('Closing Soon Grants'); // England-wide
    expect(frome).not.toContain('Norfolk Open');
    const wellbeing = (await new Visitor(t.app).get(`${paths.funding.list}?funds=wellbeing`)).body;
    expect(wellbeing).toContain('Norfolk Open');
    expect(wellbeing).not.toContain('Closing Soon Grants');
    const csv = await new Visitor(t.app).get(paths.funding.csv);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      HEADER.split(',')
        .map((c) => `"${c}"`)
        .join(','),
    );
    expect(csv.body).toContain('"Closed Fund"');
  });

  it('emails a subscribed provider once 14 days before and once 3 days before a deadline', async () => {
    expect((await provider.post(paths.funding.reminders, { reminders: 'on' })).statusCode).toBe(303);
    const outbox = async () =>
      (await t.db.query<{ subject: string }>('select subject from notifications where recipient = $1 order by created_at', [providerEmail])).map(
        (r) => r.subject,
      );
    // Closing Soon Grants closes in 10 days: the 14-day reminder is due now, once.
    expect(await t.services.funding.sendDeadlineReminders(new Date(TEST_NOW))).toBe(1);
    expect(await t.services.funding.sendDeadlineReminders(new Date(Date.parse(TEST_NOW) + 3600_000))).toBe(0);
    expect(await outbox()).toEqual(['Funding deadline in 2 weeks: Closing Soon Grants (Heritage Fund)']);
    const threeDaysBefore = new Date(Date.parse(TEST_NOW) + 7 * DAY);
    expect(await t.services.funding.sendDeadlineReminders(threeDaysBefore)).toBe(1);
    expect(await t.services.funding.sendDeadlineReminders(threeDaysBefore)).toBe(0);
    expect((await outbox()).at(-1)).toBe('Funding deadline in 3 days: Closing Soon Grants (Heritage Fund)');
    expect((await provider.post(paths.funding.reminders, { reminders: 'off' })).statusCode).toBe(303);
  });

  it('imports 360Giving grants from JSON and CSV, skipping broken ones, the same file twice changing nothing', async () => {
    const json = fileURLToPath(new URL('../../../../test/fixtures/360giving-sample.json', import.meta.url));
    const csv = fileURLToPath(new URL('../../../../test/fixtures/360giving-sample.csv', import.meta.url));
    expect(await importThreeSixtyGiving(t.db, json, new Date(TEST_NOW))).toMatchObject({ read: 3, imported: 2, skipped: 1 });
    expect(await importThreeSixtyGiving(t.db, json, new Date(TEST_NOW))).toMatchObject({ imported: 2 });
    const fromCsv = await importThreeSixtyGiving(t.db, csv, new Date(TEST_NOW));
    expect(fromCsv).toMatchObject({ read: 2, imported: 1, skipped: 1 });
    expect(fromCsv.problems[0]).toContain('Award Date');
    const [{ n }] = (await t.db.query<{ n: number }>('select count(*)::int as n from past_awards')) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('shows who has funded heritage and wellbeing work near an area, by name or local authority code', async () => {
    const yarmouth = (await new Visitor(t.app).get(`${paths.funding.list}?area=Great+Yarmouth`)).body;
    expect(yarmouth).toContain('Who has funded heritage and wellbeing work near Great Yarmouth');
    expect(yarmouth).toContain('Memories of the herring fleet');
    expect(yarmouth).not.toContain('Football kit');
    const mendip = (await new Visitor(t.app).get(`${paths.funding.list}?area=E07000187`)).body;
    expect(mendip).toContain('Walking for wellbeing in Frome');
    expect(mendip).toContain('2400');
  });
});
