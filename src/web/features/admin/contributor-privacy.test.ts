import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { ADMIN } from '../../../../test/fixtures/caseload.fixtures.ts';
import { paths } from '../../paths.ts';

const MAUREEN = 'contributor.yarmouth@waymark.example';

/**
 * Subject access for people who add community heritage (decisions 023 and 042): an administrator's
 * search finds contributor accounts by name, email address or reference; their page exports what
 * they added, and erases the account with the same choice the contributor has. All audited.
 */
describe.each(ENGINES)('an administrator’s subject access for contributors ($name)', (engine) => {
  let t: TestApp;
  let admin: Visitor;
  let maureenId: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    admin = new Visitor(t.app);
    await admin.signIn(ADMIN);
    maureenId = (await t.db.query<{ id: string }>('select id from users where email = $1', [MAUREEN]))[0]!.id;
  });
  afterAll(async () => t.close());

  it('finds a contributor by part of their name, their email address or their reference, audited without what was typed', async () => {
    for (const q of ['maureen co', MAUREEN.toUpperCase(), maureenId.slice(0, 8)]) {
      const res = await admin.get(`${paths.admin.privacyRequest}?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="${paths.admin.contributorPrivacy(maureenId)}"`);
      expect(res.body).toContain('Maureen Cole');
      expect(res.body).toContain('Contributor (community heritage)');
    }
    const audited = await t.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_events where action = 'participant.searched' order by id desc limit 3`,
    );
    expect(JSON.stringify(audited)).not.toMatch(/maureen/i);
    // Staff accounts are not subjects here: a provider's name finds no contributor.
    const staff = await admin.get(`${paths.admin.privacyRequest}?q=${encodeURIComponent('provider.yarmouth@waymark.example')}`);
    expect(staff.body).not.toContain('/admin/contributors/');
  });

  it('shows and exports everything held about the contributor, with what they added, audited', async () => {
    const page = await admin.get(paths.admin.contributorPrivacy(maureenId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Maureen Cole');
    expect(page.body).toContain('My mother was a herring girl');
    const json = await admin.get(paths.admin.contributorExport(maureenId));
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    const doc = JSON.parse(json.body);
    expect(doc.account.email).toBe(MAUREEN);
    expect(doc.contributions.map((c: { title: string }) => c.title)).toEqual(
      expect.arrayContaining(['The chip stalls on the Market Place', 'My mother was a herring girl']),
    );
    const audited = await t.db.query<{ actor_id: string; action: string }>(
      `select actor_id, action from audit_events where subject_id = $1 and action like 'contribution.%' order by id`,
      [maureenId],
    );
    expect(audited.map((a) => a.action)).toEqual(['contribution.subject_access_viewed', 'contribution.exported']);
    // Anyone who is not a contributor's account is not found here.
    const other = (await t.db.query<{ id: string }>(`select id from users where email = 'provider.yarmouth@waymark.example'`))[0]!.id;
    expect((await admin.get(paths.admin.contributorPrivacy(other))).statusCode).toBe(404);
    expect((await admin.get(paths.admin.contributorPrivacy('not-an-id'))).statusCode).toBe(404);
  });

  it('erases the contributor at their request, keeping what they added without their name when that is their choice', async () => {
    const unconfirmed = await admin.post(paths.admin.contributorErase(maureenId), { choice: 'anonymise' });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('error-message');
    expect(await t.db.query('select 1 from users where email = $1', [MAUREEN])).toHaveLength(1);

    const done = await admin.post(paths.admin.contributorErase(maureenId), { choice: 'anonymise', confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(await t.db.query('select 1 from users where email = $1 or display_name = $2', [MAUREEN, 'Maureen Cole'])).toEqual([]);
    expect(
      await t.db.query(`select 1 from contributions where contributor_id = $1 and (credit_kind <> 'anonymous' or credit_name is not null)`, [maureenId]),
    ).toEqual([]);
    const audited = await t.db.query<{ actor_id: string }>(`select actor_id from audit_events where subject_id = $1 and action = 'contribution.erased'`, [
      maureenId,
    ]);
    expect(audited).toHaveLength(1);
    // Once erased, the search by name finds nothing and the page is gone.
    expect((await admin.get(`${paths.admin.privacyRequest}?q=maureen+cole`)).body).not.toContain('/admin/contributors/');
    expect((await admin.get(paths.admin.contributorPrivacy(maureenId))).statusCode).toBe(404);
  });
});
