import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeScheme, makeUser, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { backgroundJobs } from '../../../background-jobs.ts';
import type { Clock } from '../../../domain/clock.ts';
import { paths } from '../../paths.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(ENGINES)('emails about new activities near me ($name)', (engine) => {
  let t: TestApp;
  let now = new Date(TEST_NOW);
  const clock: Clock = { now: () => new Date(now) };
  const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);
  let walk: string;
  let choir: string;
  let farWalk: string;
  let visitor: Visitor;

  const emails = () =>
    t.db.query<{ recipient: string; subject: string; body: string }>(
      "select recipient, subject, body from notifications where channel = 'email' order by created_at, id",
    );
  const rows = () =>
    t.db.query<{ email: string; confirmed_at: Date | null; confirm_token_hash: string | null }>(
      'select email, confirmed_at, confirm_token_hash from activity_subscriptions',
    );
  const changed = (id: string, days: number) => t.db.query('update activities set updated_at = $2 where id = $1', [id, at(days)]);
  const linkIn = (body: string, path: string) => new URL(new RegExp(`https?://\\S+${path}\\S*`).exec(body)![0]).pathname;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    await makePostcode(t.db, 'NR30 1AA', YARMOUTH);
    const org = await makeOrganisation(t.db, { name: 'Harbour Trust' });
    const near = await makePlace(t.db, org, { postcode: 'NR30 1AA' });
    const far = await makePlace(t.db, org, { postcode: 'NR2 1AA', easting: YARMOUTH.easting - 30000 });
    walk = await makeActivity(t.db, org, near, { title: 'Harbour heritage walk', activityTypes: ['walk'] });
    choir = await makeActivity(t.db, org, near, { title: 'Sea shanty choir', activityTypes: ['music_song'] });
    farWalk = await makeActivity(t.db, org, far, { title: 'Norwich city walk', activityTypes: ['walk'] });
    visitor = new Visitor(t.app);
  });
  afterAll(async () => t.close());

  it('refuses bad input with messages next to the fields and keeps nothing', async () => {
    const empty = await visitor.post(paths.subscriptions.subscribe, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter your email address');
    expect(empty.body).toContain('Enter a postcode or a town');
    expect(empty.body).toContain('Choose how often you would like an email');
    const nowhere = await visitor.post(paths.subscriptions.subscribe, {
      email: 'a@example.org',
      where: 'ZZ99 9ZZ',
      radius: '5',
      frequency: 'weekly',
      interests: ['walk'],
    });
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.body).toContain('We could not find the postcode');
    const badRadius = await visitor.post(paths.subscriptions.subscribe, { email: 'a@example.org', where: 'NR30 1AA', radius: '500', frequency: 'weekly' });
    expect(badRadius.statusCode).toBe(422);
    expect(await rows()).toEqual([]);
    expect(await emails()).toEqual([]);
  });

  it('sends nothing until the address is confirmed, then digests only new and changed matching listings since the last one, and stops on unsubscribe', async () => {
    const form = await visitor.get(paths.subscriptions.subscribe);
    expect(form.statusCode).toBe(200);
    const res = await visitor.post(paths.subscriptions.subscribe, {
      email: 'edith@example.org',
      where: 'NR30 1AA',
      radius: '5',
      frequency: 'weekly',
      interests: ['walk'],
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(paths.subscriptions.checkEmail);
    const [confirmation] = await emails();
    expect(confirmation!.recipient).toBe('edith@example.org');
    const confirmPath = linkIn(confirmation!.body, '/new-activities-by-email/confirm/');
    const token = confirmPath.split('/').pop()!;
    // Only the token's hash is kept.
    expect((await rows())[0]!.confirm_token_hash).not.toContain(token);
    expect(JSON.stringify(await rows())).not.toContain(token);

    // Not confirmed: no digest, however much changes.
    await changed(walk, 1);
    now = at(8);
    expect(await t.services.subscriptions.sendDigests(now)).toBe(0);
    now = at(2);

    // The link shows a button (a mail scanner following it confirms nothing); pressing it confirms, once.
    const page = await visitor.get(confirmPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Start my emails');
    expect((await rows())[0]!.confirmed_at).toBeNull();
    expect((await visitor.post(confirmPath)).statusCode).toBe(200);
    expect((await rows())[0]!.confirmed_at).not.toBeNull();
    expect((await visitor.get(confirmPath)).statusCode).toBe(404);

    // After confirming: the walk changes (matching), the choir changes (not an interest), a far walk changes (out of the area).
    await changed(walk, 3);
    await changed(choir, 3);
    await changed(farWalk, 3);
    now = at(5);
    expect(await t.services.subscriptions.sendDigests(now)).toBe(0); // not due yet (weekly)
    now = at(9.5);
    const before = (await emails()).length;
    // Two runs at once send one digest.
    const [a, b] = await Promise.all([t.services.subscriptions.sendDigests(now), t.services.subscriptions.sendDigests(now)]);
    expect(a + b).toBe(1);
    const digest = (await emails()).slice(before);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe('1 new or changed activity near NR30 1AA');
    expect(digest[0]!.body).toContain('Harbour heritage walk');
    expect(digest[0]!.body).not.toContain('Sea shanty choir');
    expect(digest[0]!.body).not.toContain('Norwich city walk');
    expect(digest[0]!.body).toContain('/new-activities-by-email/');

    // The next week: nothing changed since, so nothing is sent.
    now = at(17);
    expect(await t.services.subscriptions.sendDigests(now)).toBe(0);

    // One click from the email: a page with a button; pressing it deletes the subscription.
    const stopPath = linkIn(digest[0]!.body, '/stop/');
    expect((await visitor.get(`${stopPath.slice(0, -3)}xyz`)).statusCode).toBe(404);
    const stop = await visitor.get(stopPath);
    expect(stop.statusCode).toBe(200);
    expect(stop.body).toContain('Stop my emails');
    expect((await visitor.post(stopPath)).statusCode).toBe(200);
    expect(await rows()).toEqual([]);
    await changed(walk, 20);
    now = at(30);
    expect(await t.services.subscriptions.sendDigests(now)).toBe(0);
    const audit = await t.db.query<{ action: string }>("select action from audit_events where subject_type = 'activity_subscription' order by id");
    expect(audit.map((r) => r.action)).toEqual(['subscription.requested', 'subscription.confirmed', 'subscription.deleted']);
  });

  it('puts the one-click unsubscribe address in each digest, and a mail program’s POST to it (no cookies, no form token) stops the emails', async () => {
    now = new Date(TEST_NOW);
    const subscriber = new Visitor(t.app);
    await subscriber.post(paths.subscriptions.subscribe, {
      email: 'one-click@example.org',
      where: 'NR30 1AA',
      radius: '5',
      frequency: 'weekly',
      interests: ['walk'],
    });
    const [confirmation] = (await emails()).filter((e) => e.recipient === 'one-click@example.org');
    await subscriber.post(linkIn(confirmation!.body, '/new-activities-by-email/confirm/'));
    await changed(walk, 3);
    now = at(9.5);
    expect(await t.services.subscriptions.sendDigests(now)).toBe(1);
    const [digest] = await t.db.query<{ body: string; list_unsubscribe: string }>(
      `select body, list_unsubscribe from notifications where recipient = 'one-click@example.org' and list_unsubscribe is not null`,
    );
    const stopPath = linkIn(digest!.body, '/stop/');
    expect(new URL(digest!.list_unsubscribe).pathname).toBe(stopPath);

    // A stranger's POST without the form token and without the one-click body is refused; the mail program's is not.
    const mailProgram = (body: string) =>
      t.app.inject({ method: 'POST', url: stopPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    expect((await mailProgram('stop=yes')).statusCode).toBe(403);
    expect((await rows()).some((r) => r.email === 'one-click@example.org')).toBe(true);
    const stopped = await mailProgram('List-Unsubscribe=One-Click');
    expect(stopped.statusCode).toBe(200);
    expect(stopped.headers.location).toBeUndefined();
    expect((await rows()).some((r) => r.email === 'one-click@example.org')).toBe(false);
    expect((await mailProgram('List-Unsubscribe=One-Click')).statusCode).toBe(404);
  });

  it('lets a connector subscribe for a group with their own email address, noting their account', async () => {
    const u = await makeUser(t.db, { role: 'connector', schemeId: await makeScheme(t.db) });
    const connector = new Visitor(t.app);
    await connector.signIn(u.email, u.password);
    const form = await connector.get(paths.subscriptions.subscribe);
    expect(form.body).toContain('for a group you run, use your own email address');
    expect(form.body).toContain(`value="${u.email}"`);
    const res = await connector.post(paths.subscriptions.subscribe, {
      email: u.email,
      where: 'NR30 1AA',
      radius: '3',
      frequency: 'monthly',
      interests: ['walk', 'music_song'],
    });
    expect(res.statusCode).toBe(303);
    const [row] = await t.db.query<{ created_by: string; interests: string[] }>('select created_by, interests from activity_subscriptions where email = $1', [
      u.email,
    ]);
    expect(row).toEqual({ created_by: u.id, interests: ['walk', 'music_song'] });
    await t.db.query('delete from activity_subscriptions');
  });

  it('deletes requests never confirmed within a week, by a job that runs with the others', async () => {
    now = at(40);
    await visitor.post(paths.subscriptions.subscribe, { email: 'someone@example.org', where: 'NR30 1AA', radius: '10', frequency: 'monthly' });
    expect(await rows()).toHaveLength(1);
    expect(await t.services.subscriptions.purgeUnconfirmed(at(46))).toBe(0);
    expect(await t.services.subscriptions.purgeUnconfirmed(at(47.5))).toBe(1);
    expect(await rows()).toEqual([]);
    const names = backgroundJobs(t.services, t.db).map((j) => j.name);
    expect(names).toContain('activity-digests');
    expect(names).toContain('purge-unconfirmed-subscriptions');
  });
});
