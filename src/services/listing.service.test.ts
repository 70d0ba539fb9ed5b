import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeSession, makeUser } from '../../test/factories.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../test/test-app.ts';
import type { Role, User } from '../domain/user.ts';
import { Conflict, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { ActivityContent } from '../domain/directory.ts';
import { activityForm } from '../web/features/provider/activity.form.ts';
import { placeForm } from '../web/features/provider/place.form.ts';
import { sessionForm } from '../web/features/provider/session.form.ts';
import { refreshPassedSessions } from '../data/repositories/activity-index.repository.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(ENGINES)('listing approval, versions, freshness and sessions ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  /** Coordinators work in a scheme covering Great Yarmouth, where the factories put places. */
  async function person(role: Role, organisationId?: string): Promise<User> {
    const schemeId = role === 'coordinator' ? await makeScheme(t.db) : undefined;
    const u = await makeUser(t.db, { role, organisationId, schemeId, displayName: `${role} person` });
    return {
      id: u.id,
      email: u.email,
      displayName: `${role} person`,
      role,
      organisationIds: organisationId ? [organisationId] : [],
      schemeId: schemeId ?? null,
    };
  }

  async function setup(orgStatus: 'pending' | 'approved' = 'approved') {
    const orgId = await makeOrganisation(t.db, { status: orgStatus });
    const placeId = await makePlace(t.db, orgId, { name: 'Tolhouse' });
    return { orgId, placeId, provider: await person('provider', orgId), coordinator: await person('coordinator') };
  }

  const content = (placeId: string, over: Partial<Record<string, unknown>> = {}) =>
    activityForm.parse({
      placeId,
      title: 'Heritage walk',
      summary: 'A gentle walk around the old town.',
      activityTypes: ['walk'],
      needs: ['loneliness'],
      costType: 'free',
      referralRoutes: ['link_worker', 'self'],
      languages: ['en'],
      access: ['seating'],
      months: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
      ...over,
    });

  const row = async (id: string) =>
    (
      await t.db.query<{ status: string; title: string; version: number; last_checked_at: Date; next_session_at: Date | null }>(
        'select status, title, version, last_checked_at, next_session_at from activities where id = $1',
        [id],
      )
    )[0]!;

  it('keeps a new listing pending until a coordinator approves it, and only once its organisation is approved', async () => {
    const { orgId, placeId, provider, coordinator } = await setup('pending');
    const s = t.services.listings;
    const id = await s.activities.create(provider, content(placeId));
    expect((await row(id)).status).toBe('pending');
    await expect(s.review.approveListing(coordinator, id)).rejects.toBeInstanceOf(Conflict);
    expect((await row(id)).status).toBe('pending');

    await s.organisations.approve(coordinator, orgId, 'Checked the charity number');
    await s.review.approveListing(coordinator, id);
    const live = await row(id);
    expect(live.status).toBe('live');
    expect(live.version).toBe(1);
    const { versions } = await s.activities.history(provider, id);
    expect(versions.map((v) => [v.version, v.summary, v.approvedByName])).toEqual([[1, 'First published', 'coordinator person']]);
    const audit = await t.db.query<{ action: string }>('select action from audit_events where subject_id = $1 order by id', [id]);
    expect(audit.map((a) => a.action)).toEqual(['listing_created', 'listing_approved']);
  });

  it('stores an edit of a live listing as one pending change and leaves the live content alone until approved', async () => {
    const { placeId, provider, coordinator } = await setup();
    const s = t.services.listings;
    const id = await s.activities.create(provider, content(placeId));
    await s.review.approveListing(coordinator, id);

    expect(await s.activities.edit(provider, id, content(placeId, { title: 'First try' }))).toBe('proposed');
    expect(
      await s.activities.edit(provider, id, content(placeId, { title: 'Harbour heritage walk', access: ['step_free'], needs: ['loneliness', 'low_mood'] })),
    ).toBe('proposed');
    expect((await row(id)).title).toBe('Heritage walk');
    const changes = await t.db.query<{ id: string; status: string }>(
      'select id, status from activity_changes where activity_id = $1 order by proposed_at, status',
      [id],
    );
    expect(changes.filter((c) => c.status === 'pending')).toHaveLength(1);
    expect(changes.filter((c) => c.status === 'superseded')).toHaveLength(1);
    expect((await s.activities.dashboard(provider)).activities.find((a) => a.id === id)?.state).toBe('changes_pending');

    const pendingId = changes.find((c) => c.status === 'pending')!.id;
    const review = await s.review.change(coordinator, pendingId);
    expect(review.diff).toEqual([
      { field: 'title', label: 'Title', kind: 'value', before: 'Heritage walk', after: 'Harbour heritage walk' },
      { field: 'needs', label: 'Who it suits', kind: 'list', added: ['Low mood'], removed: [] },
      { field: 'access', label: 'Access', kind: 'list', added: ['Step-free access'], removed: ['Seating available'] },
    ]);

    await t.db.query('update activities set last_checked_at = $2 where id = $1', [id, new Date(Date.parse(TEST_NOW) - 300 * DAY)]);
    await s.review.approveChange(coordinator, pendingId);
    const after = await row(id);
    expect(after.title).toBe('Harbour heritage walk');
    expect(after.version).toBe(2);
    expect(new Date(after.last_checked_at).toISOString()).toBe(new Date(TEST_NOW).toISOString());
    const { versions } = await s.activities.history(provider, id);
    expect(versions.map((v) => [v.version, v.summary, v.changedByName])).toEqual([
      [2, 'Title, Who it suits and Access changed', 'provider person'],
      [1, 'First published', 'provider person'],
    ]);
    await expect(s.review.approveChange(coordinator, pendingId)).rejects.toBeInstanceOf(Conflict);
  });

  it('rejects a change with a reason and keeps the live listing as it was', async () => {
    const { placeId, provider, coordinator } = await setup();
    const s = t.services.listings;
    const id = await s.activities.create(provider, content(placeId));
    await s.review.approveListing(coordinator, id);
    await s.activities.edit(provider, id, content(placeId, { costType: 'paid', pricePounds: '5' }));
    const pending = (await t.db.query<{ id: string }>("select id from activity_changes where activity_id = $1 and status = 'pending'", [id]))[0]!;
    await s.review.rejectChange(coordinator, pending.id, { reason: 'Please give the price per session, not per course' });
    const [change] = await t.db.query<{ status: string; review_note: string }>('select status, review_note from activity_changes where id = $1', [pending.id]);
    expect(change).toEqual({ status: 'rejected', review_note: 'Please give the price per session, not per course' });
    const [live] = await t.db.query<{ cost_type: string; status: string }>('select cost_type, status from activities where id = $1', [id]);
    expect(live).toEqual({ cost_type: 'free', status: 'live' });
    expect((await s.activities.view(provider, id)).lastReview?.reviewNote).toBe('Please give the price per session, not per course');
  });

  it('rejects a new listing with a reason; editing it sends it back for approval', async () => {
    const { placeId, provider, coordinator } = await setup();
    const s = t.services.listings;
    const id = await s.activities.create(provider, content(placeId));
    await s.review.rejectListing(coordinator, id, { reason: 'Add what to expect on a first visit' });
    const [rejected] = await t.db.query<{ status: string; status_note: string }>('select status, status_note from activities where id = $1', [id]);
    expect(rejected).toEqual({ status: 'rejected', status_note: 'Add what to expect on a first visit' });
    expect(await s.activities.edit(provider, id, content(placeId, { firstVisit: 'Jo meets you at the gate' }))).toBe('updated');
    expect((await row(id)).status).toBe('pending');
  });

  it("saves nothing when a proposal names another organisation's place, even after superseding began", async () => {
    const { placeId, provider, coordinator } = await setup();
    const otherOrg = await makeOrganisation(t.db, { name: 'Other Trust' });
    const otherPlace = await makePlace(t.db, otherOrg);
    const s = t.services.listings;
    const id = await s.activities.create(provider, content(placeId));
    await s.review.approveListing(coordinator, id);
    await s.activities.edit(provider, id, content(placeId, { title: 'Waiting change' }));
    const count = async (sql: string) => (await t.db.query<{ n: number }>(sql, [id]))[0]!.n;
    const before = {
      changes: await count('select count(*) as n from activity_changes where activity_id = $1'),
      audit: await count('select count(*) as n from audit_events where subject_id = $1'),
    };

    await expect(s.activities.edit(provider, id, content(otherPlace, { title: 'Sneaky' }))).rejects.toBeInstanceOf(ValidationFailed);
    const pending = await t.db.query<{ proposed: ActivityContent | string }>(
      "select proposed from activity_changes where activity_id = $1 and status = 'pending'",
      [id],
    );
    expect(pending).toHaveLength(1);
    const proposed = typeof pending[0]!.proposed === 'string' ? JSON.parse(pending[0]!.proposed) : pending[0]!.proposed;
    expect(proposed.title).toBe('Waiting change');
    expect(await count('select count(*) as n from activity_changes where activity_id = $1')).toBe(before.changes);
    expect(await count('select count(*) as n from audit_events where subject_id = $1')).toBe(before.audit);
    await expect(s.activities.create(provider, content(otherPlace))).rejects.toBeInstanceOf(ValidationFailed);
  });

  it("answers 404 for another organisation's activities, places and sessions", async () => {
    const a = await setup();
    const b = await setup();
    const s = t.services.listings;
    const id = await s.activities.create(a.provider, content(a.placeId));
    const sessionId = await s.sessions.add(
      a.provider,
      id,
      sessionForm.parse({ frequency: 'weekly', weekday: '2', startDate: '2026-01-06', startTime: '10:00', endTime: '11:00' }),
    );
    await expect(s.activities.view(b.provider, id)).rejects.toBeInstanceOf(NotFound);
    await expect(s.activities.edit(b.provider, id, content(b.placeId))).rejects.toBeInstanceOf(NotFound);
    await expect(s.places.update(b.provider, a.placeId, placeForm.parse({ name: 'Not mine', town: 'Frome', postcode: 'BA11 1AA' }))).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(s.sessions.remove(b.provider, id, sessionId)).rejects.toBeInstanceOf(NotFound);
    await expect(s.sessions.remove(b.provider, await s.activities.create(b.provider, content(b.placeId)), sessionId)).rejects.toBeInstanceOf(NotFound);
    await expect(s.freshness.confirm(b.provider, id)).rejects.toBeInstanceOf(NotFound);
    expect(await t.db.query('select 1 from activity_sessions where id = $1', [sessionId])).toHaveLength(1);
  });

  it('lists listings going stale oldest first with the organisation contact, and a confirmation brings one back', async () => {
    const { orgId, placeId, provider, coordinator } = await setup();
    const now = Date.parse(TEST_NOW);
    const expired = await makeActivity(t.db, orgId, placeId, { title: 'Expired walk', lastCheckedAt: new Date(now - 400 * DAY) });
    const older = await makeActivity(t.db, orgId, placeId, { title: 'Older expired walk', lastCheckedAt: new Date(now - 500 * DAY) });
    const due = await makeActivity(t.db, orgId, placeId, { title: 'Due walk', lastCheckedAt: new Date(now - 200 * DAY) });
    const fresh = await makeActivity(t.db, orgId, placeId, { title: 'Fresh walk', lastCheckedAt: new Date(now - 20 * DAY) });
    const stale = await t.services.listings.freshness.stale(coordinator);
    const mine = (list: { id: string }[]) => list.map((a) => a.id).filter((x) => [expired, older, due, fresh].includes(x));
    expect(mine(stale.expired)).toEqual([older, expired]);
    expect(mine(stale.due)).toEqual([due]);
    expect(stale.expired.find((a) => a.id === older)?.organisationEmail).toBe('hello@example.org');
    const dash = await t.services.listings.activities.dashboard(provider);
    expect(dash.activities.find((a) => a.id === due)?.freshness).toBe('due');
    expect(dash.activities.find((a) => a.id === older)?.freshness).toBe('expired');

    await t.services.listings.freshness.confirm(provider, older);
    expect(new Date((await row(older)).last_checked_at).toISOString()).toBe(new Date(TEST_NOW).toISOString());
    expect(mine((await t.services.listings.freshness.stale(coordinator)).expired)).toEqual([expired]);
    await expect(t.services.listings.freshness.stale(provider)).rejects.toThrow();
  });

  it("moves the activity's next session when sessions are added, dates cancelled and sessions deleted", async () => {
    const { orgId, placeId, provider } = await setup();
    const id = await makeActivity(t.db, orgId, placeId);
    const s = t.services.listings.sessions;
    expect((await row(id)).next_session_at).toBeNull();
    // TEST_NOW is Saturday 21 November 2026: the next Tuesday is the 24th, 10am GMT.
    const sessionId = await s.add(
      provider,
      id,
      sessionForm.parse({ frequency: 'weekly', weekday: '2', startDate: '2026-01-06', startTime: '10:00', endTime: '12:00' }),
    );
    expect(new Date((await row(id)).next_session_at!).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    await expect(s.cancel(provider, id, sessionId, { date: '2026-11-25', reason: 'Wrong day' })).rejects.toBeInstanceOf(ValidationFailed);
    await s.cancel(provider, id, sessionId, { date: '2026-11-24', reason: 'Leader unwell' });
    expect(new Date((await row(id)).next_session_at!).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    const listed = await s.list(provider, id);
    expect(listed.sessions[0]?.pattern).toBe('Every Tuesday, 10am to 12pm');
    expect(listed.sessions[0]?.cancellations).toEqual([{ date: '2026-11-24', reason: 'Leader unwell' }]);
    await s.remove(provider, id, sessionId);
    expect((await row(id)).next_session_at).toBeNull();
    void makeSession;
  });

  it('keeps the stored next session off bank holidays the series does not run on, and moves dates stored before the rule', async () => {
    const { orgId, placeId, provider } = await setup();
    const id = await makeActivity(t.db, orgId, placeId);
    const s = t.services.listings.sessions;
    const fridays = sessionForm.parse({ frequency: 'weekly', weekday: '5', startDate: '2026-01-02', startTime: '10:00', endTime: '12:00' });
    expect(fridays.bankHolidays).toBe('not_christmas');
    const sessionId = await s.add(provider, id, fridays);
    // As stored before the rule existed: Friday 25 December 2026.
    await t.db.query(`update activities set next_session_at = '2026-12-25T10:00:00Z', next_session_end_at = '2026-12-25T12:00:00Z' where id = $1`, [id]);
    const nearChristmas = new Date('2026-12-19T12:00:00Z');
    expect(await refreshPassedSessions(t.db, nearChristmas)).toBeGreaterThanOrEqual(1);
    expect(new Date((await row(id)).next_session_at!).toISOString()).toBe('2027-01-08T10:00:00.000Z');
    await s.setBankHolidays(provider, id, sessionId, 'all');
    await refreshPassedSessions(t.db, nearChristmas);
    expect(new Date((await row(id)).next_session_at!).toISOString()).toBe('2026-12-25T10:00:00.000Z');
    expect((await s.list(provider, id)).sessions[0]?.bankHolidaysText).toBe('Runs on every bank holiday, Christmas Day included');
  });

  it('emails the provider every coordinator outcome, lets a coordinator ask for changes, and flags what needs doing on the dashboard', async () => {
    const { orgId, placeId, provider, coordinator } = await setup('pending');
    const s = t.services.listings;
    const mail = async () =>
      (
        await t.db.query<{ subject: string; body: string }>(`select subject, body from notifications where recipient = $1 order by created_at, subject`, [
          provider.email,
        ])
      ).map((m) => m.subject);
    await s.organisations.approve(coordinator, orgId, 'Welcome aboard');
    const id = await s.activities.create(provider, content(placeId, { title: 'Harbour walk' }));
    await s.review.requestListingChanges(coordinator, id, { reason: 'Say where to meet' });
    expect((await row(id)).status).toBe('changes_requested');
    let dash = await s.activities.dashboard(provider);
    expect(dash.activities.find((a) => a.id === id)?.coordinatorNote).toEqual({ status: 'changes_requested', note: 'Say where to meet' });
    expect(await s.activities.edit(provider, id, content(placeId, { title: 'Harbour walk', firstVisit: 'Meet at the gate' }))).toBe('updated');
    expect((await row(id)).status).toBe('pending');
    await s.review.approveListing(coordinator, id);

    await s.activities.edit(provider, id, content(placeId, { title: 'Harbour walk', summary: 'A longer walk.' }));
    const [change] = await t.db.query<{ id: string }>("select id from activity_changes where activity_id = $1 and status = 'pending'", [id]);
    await s.review.requestChangeChanges(coordinator, change!.id, { reason: 'Say how long it is' });
    // The provider starts again from what they sent, and the dashboard says why.
    expect((await s.activities.editable(provider, id)).content.summary).toBe('A longer walk.');
    dash = await s.activities.dashboard(provider);
    expect(dash.activities.find((a) => a.id === id)?.coordinatorNote).toEqual({ status: 'change_changes_requested', note: 'Say how long it is' });
    await expect(s.review.rejectChange(coordinator, change!.id, { reason: 'Twice' })).rejects.toBeInstanceOf(Conflict);

    // One clock time throughout, so in subject order.
    expect(await mail()).toEqual([
      'Changes requested: Harbour walk',
      'Changes requested: Harbour walk',
      'Your listing is live: Harbour walk',
      'Your organisation is approved: Test Heritage Trust',
    ]);
    const [asked] = await t.db.query<{ body: string }>(`select body from notifications where recipient = $1 and body like '%before it can go live%'`, [
      provider.email,
    ]);
    expect(asked?.body).toContain('before it can go live: Say where to meet');
    expect(asked?.body).toContain(`/provider/activities/${id}`);
  });

  it('asks the owners of a listing not checked for 6 months whether it is still right, once per check', async () => {
    const { placeId, provider, coordinator } = await setup();
    const s = t.services.listings;
    const id = await s.activities.create(provider, content(placeId, { title: 'Old walk' }));
    await s.review.approveListing(coordinator, id);
    await t.db.query('update activities set last_checked_at = $2 where id = $1', [id, new Date(new Date(TEST_NOW).getTime() - 200 * DAY)]);
    const prompts = async () =>
      (
        await t.db.query<{ n: number }>(`select count(*) as n from notifications where recipient = $1 and subject = 'Is this still right? Old walk'`, [
          provider.email,
        ])
      )[0]!.n;
    expect(await s.freshness.promptDue()).toBeGreaterThanOrEqual(1);
    expect(await prompts()).toBe(1);
    await s.freshness.promptDue();
    expect(await prompts()).toBe(1);
    await s.freshness.confirm(provider, id);
    const [confirmed] = await t.db.query<{ stale_prompted_at: Date | null }>('select stale_prompted_at from activities where id = $1', [id]);
    expect(confirmed?.stale_prompted_at).toBeNull();
  });

  it('records a listing that was loaded live as version 1 before its first approved change', async () => {
    const { orgId, placeId, provider, coordinator } = await setup();
    const id = await makeActivity(t.db, orgId, placeId, { title: 'Imported walk' });
    const s = t.services.listings;
    await s.activities.edit(provider, id, content(placeId, { title: 'Imported walk, renamed' }));
    const [change] = await t.db.query<{ id: string }>("select id from activity_changes where activity_id = $1 and status = 'pending'", [id]);
    await s.review.approveChange(coordinator, change!.id);
    const { versions } = await s.activities.history(provider, id);
    expect(versions.map((v) => [v.version, v.snapshot.title])).toEqual([
      [2, 'Imported walk, renamed'],
      [1, 'Imported walk'],
    ]);
    expect((await row(id)).version).toBe(2);
  });
});
