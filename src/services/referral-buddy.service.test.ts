import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { key, makeParticipant, makeProvider, makeScheme, makeStaff, referralForm } from '../../test/fixtures/referral.fixtures.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import type { Db } from '../data/database.ts';
import { createAuditRepository } from '../data/repositories/audit.repository.ts';
import { createBuddySchemeRepository } from '../data/repositories/buddy-scheme.repository.ts';
import { fixedClock } from '../domain/clock.ts';
import { NotFound, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import type { ReferralChange } from './referral-observers.ts';
import { createReferralServices, type ReferralServices } from './referral-services.ts';
import { submit } from '../../test/forms.ts';
import { referForm } from '../web/features/referrals/refer.form.ts';
import { referBuddyForm } from '../web/features/referrals/refer-buddy.form.ts';
import { statusChangeForm } from '../web/features/referrals/status-change.form.ts';
import { referralPageView } from '../web/features/referrals/referral.view-model.ts';
import { BUDDY_DECLINE_REASONS } from '../domain/referral.ts';

const schemeInput = (organisationId: string, name: string) => ({
  name,
  organisationId,
  description: 'Trained, DBS-checked volunteers who go along to the first few sessions.',
  areas: 'Testtown',
  support: ['first_visits', 'travel_together'],
  languages: ['en'],
});

describe.each(ENGINES)('referring someone to a buddy scheme ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let s: ReferralServices;
  let scheme: string;
  let linkWorker: User;
  let provider: Awaited<ReturnType<typeof makeProvider>>;
  let buddies: Awaited<ReturnType<typeof makeProvider>>;
  let buddySchemeId: string;
  let pausedId: string;
  let elsewhereId: string;
  const changes: ReferralChange[] = [];
  const count = async () => (await db.query<{ n: number }>('select count(*) as n from referrals'))[0]!.n;
  const form = (over: Record<string, unknown> = {}) => ({
    buddySchemeId,
    accompanyActivityId: '',
    supportNeeds: 'Would like to meet at home first',
    message: 'Nervous about going alone.',
    action: 'send',
    idempotencyKey: key(),
    ...over,
  });
  const fieldsOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationFailed);
    return (err as ValidationFailed).errors.map((e) => e.field);
  };

  beforeAll(async () => {
    db = await engine.open();
    s = createReferralServices({
      db,
      audit: createAuditRepository(db, fixedClock(TEST_NOW)),
      clock: fixedClock(TEST_NOW),
      observers: [
        async (_tx, c) => {
          changes.push(c);
        },
      ],
    });
    scheme = await makeScheme(db);
    linkWorker = await makeStaff(db, 'link_worker', scheme);
    provider = await makeProvider(db, scheme);
    buddies = await makeProvider(db, scheme, { name: 'Testtown Heritage Buddies' });
    const repo = createBuddySchemeRepository(db);
    const now = new Date(TEST_NOW);
    buddySchemeId = await repo.insert(scheme, schemeInput(buddies.organisationId, 'Testtown Buddies'), now);
    pausedId = await repo.insert(scheme, schemeInput(buddies.organisationId, 'Resting Buddies'), now);
    await repo.setActive(pausedId, false, now);
    const otherScheme = await makeScheme(db, 'Other scheme');
    const otherOrg = await makeProvider(db, otherScheme, { name: 'Far Away Trust' });
    elsewhereId = await repo.insert(otherScheme, schemeInput(otherOrg.organisationId, 'Far Away Buddies'), now);
  });
  afterAll(async () => db.drop());

  it('offers the active buddy schemes of the person’s scheme, and the activities they have been referred to', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    await submit(referForm, referralForm(provider.activityId), (f) => s.referrals.create(linkWorker, person, f));
    const f = await s.referrals.buddyReferForm(linkWorker, person);
    expect(f.buddySchemes.map((b) => b.name)).toEqual(['Testtown Buddies']);
    expect(f.accompanyChoices.map((a) => a.id)).toEqual([provider.activityId]);
  });

  it('sends a referral to the buddy scheme’s organisation, which answers it from its inbox and plans the first visit with a buddy', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    await submit(referForm, referralForm(provider.activityId), (f) => s.referrals.create(linkWorker, person, f));
    const id = await submit(referBuddyForm, form({ accompanyActivityId: provider.activityId }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f));

    const [row] = await db.query<Record<string, unknown>>(
      'select target, activity_id, buddy_scheme_id, accompany_activity_id, provider_organisation_id, status from referrals where id = $1',
      [id],
    );
    expect(row).toMatchObject({
      target: 'buddy_scheme',
      activity_id: null,
      buddy_scheme_id: buddySchemeId,
      accompany_activity_id: provider.activityId,
      provider_organisation_id: buddies.organisationId,
      status: 'sent',
    });
    expect(changes.filter((c) => c.referralId === id).map((c) => c.to)).toEqual(['draft', 'sent']);

    const inbox = await s.inbox.inbox(buddies.staff, undefined);
    expect(inbox.items.map((i) => [i.id, i.activityTitle])).toContainEqual([id, 'Testtown Buddies (buddy scheme)']);
    expect((await s.inbox.inbox(provider.staff, 'all')).items.map((i) => i.id)).not.toContain(id);

    await submit(statusChangeForm, { from: 'sent', to: 'accepted' }, (f) => s.referrals.change(buddies.staff, id, f));
    await submit(
      statusChangeForm,
      {
        from: 'accepted',
        to: 'first_visit_planned',
        visitDateDay: '3',
        visitDateMonth: '12',
        visitDateYear: '2026',
        buddy: 'Pat (volunteer)',
        transport: 'Walk together',
      },
      (f) => s.referrals.change(buddies.staff, id, f),
    );
    const seen = await s.referrals.view(linkWorker, id);
    expect(seen.referral).toMatchObject({
      status: 'first_visit_planned',
      buddySchemeName: 'Testtown Buddies',
      firstVisitBuddy: 'Pat (volunteer)',
      accompanyActivityTitle: expect.any(String),
    });
  });

  it('declines with a buddy scheme’s reasons, never an activity’s, and says which on the referral page', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    const id = await submit(referBuddyForm, form(), (f) => s.referrals.createBuddyReferral(linkWorker, person, f));
    const page = referralPageView(await s.referrals.view(buddies.staff, id), { provider: true });
    expect(page.options.declineReasons.map((o) => o.value)).toEqual(BUDDY_DECLINE_REASONS.map((t) => t.code));
    expect(page.options.declineReasons.map((o) => o.text).join(' ')).not.toContain('activity');
    expect(
      await fieldsOf(submit(statusChangeForm, { from: 'sent', to: 'declined', declineReason: 'full' }, (f) => s.referrals.change(buddies.staff, id, f))),
    ).toEqual(['declineReason']);
    await submit(statusChangeForm, { from: 'sent', to: 'declined', declineReason: 'no_volunteer' }, (f) => s.referrals.change(buddies.staff, id, f));
    const declined = referralPageView(await s.referrals.view(linkWorker, id), { provider: false });
    expect(declined.referralRows).toContainEqual({ key: { text: 'Reason' }, value: { text: 'No volunteer buddy is free at the moment' } });

    const activityReferral = await submit(referForm, referralForm(provider.activityId), (f) => s.referrals.create(linkWorker, person, f));
    expect(
      await fieldsOf(
        submit(statusChangeForm, { from: 'sent', to: 'declined', declineReason: 'no_volunteer' }, (f) =>
          s.referrals.change(provider.staff, activityReferral, f),
        ),
      ),
    ).toEqual(['declineReason']);
  });

  it('refuses a paused buddy scheme, another scheme’s, and an activity they were not referred to, saving nothing', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    const before = await count();
    expect(await fieldsOf(submit(referBuddyForm, form({ buddySchemeId: pausedId }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f)))).toEqual([
      'buddySchemeId',
    ]);
    expect(await fieldsOf(submit(referBuddyForm, form({ buddySchemeId: elsewhereId }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f)))).toEqual(
      ['buddySchemeId'],
    );
    expect(await fieldsOf(submit(referBuddyForm, form({ buddySchemeId: '' }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f)))).toEqual([
      'buddySchemeId',
    ]);
    expect(
      await fieldsOf(submit(referBuddyForm, form({ accompanyActivityId: provider.activityId }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f))),
    ).toEqual(['accompanyActivityId']);
    expect(await fieldsOf(submit(referBuddyForm, form({ message: 'x'.repeat(2001) }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f)))).toEqual([
      'message',
    ]);
    expect(await count()).toBe(before);
  });

  it('makes one referral from a double submission, and none for someone not on the caseload', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    const once = form();
    const before = await count();
    const [a, b] = await Promise.all([
      submit(referBuddyForm, once, (f) => s.referrals.createBuddyReferral(linkWorker, person, f)),
      submit(referBuddyForm, once, (f) => s.referrals.createBuddyReferral(linkWorker, person, f)),
    ]);
    expect(a).toBe(b);
    expect(await count()).toBe(before + 1);

    const colleague = await makeStaff(db, 'link_worker', scheme);
    await expect(submit(referBuddyForm, form(), (f) => s.referrals.createBuddyReferral(colleague, person, f))).rejects.toBeInstanceOf(NotFound);
    await expect(s.referrals.buddyReferForm(colleague, person)).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps a draft without consent but will not send it until consent is recorded', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id, { consents: [] });
    const id = await submit(referBuddyForm, form({ action: 'draft' }), (f) => s.referrals.createBuddyReferral(linkWorker, person, f));
    expect(
      await fieldsOf(submit(statusChangeForm, { from: 'draft', to: 'sent', barriersChecked: 'yes' }, (f) => s.referrals.change(linkWorker, id, f))),
    ).toEqual(['consent']);
    await expect(submit(referBuddyForm, form(), (f) => s.referrals.createBuddyReferral(linkWorker, person, f))).rejects.toBeInstanceOf(ValidationFailed);
  });
});
