import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import type { Db } from '../data/database.ts';
import { createAuditRepository } from '../data/repositories/audit.repository.ts';
import { fixedClock } from '../domain/clock.ts';
import { Conflict, Forbidden, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import { createReferralServices, type ReferralServices } from './referral-services.ts';
import { key, makeProvider, makeScheme, makeStaff } from '../../test/fixtures/referral.fixtures.ts';
import { submit } from '../../test/forms.ts';
import { selfReferralForm } from '../web/features/self-referral/self-referral.form.ts';
import { connectorReferralForm } from '../web/features/connector/connector-referral.form.ts';

const selfForm = (over: Record<string, unknown> = {}) => ({
  preferredName: 'Pat',
  contactPreference: 'email',
  email: 'pat@example.org',
  postcode: 'nr30 2la',
  whatWouldHelp: 'Meet people who like local history',
  supportNeeds: 'Somewhere to sit',
  consentReferral: 'yes',
  consentFollowUp: 'yes',
  idempotencyKey: key(),
  ...over,
});

describe.each(ENGINES)('self-referral and connector referral ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let s: ReferralServices;
  let scheme: string;
  let provider: Awaited<ReturnType<typeof makeProvider>>;
  let connector: User;
  const counts = async () => {
    const [r] = await db.query<{ p: number; c: number; r: number }>(
      'select (select count(*) from participants) as p, (select count(*) from consents) as c, (select count(*) from referrals) as r',
    );
    return r;
  };

  beforeAll(async () => {
    db = await engine.open();
    s = createReferralServices({ db, audit: createAuditRepository(db, fixedClock(TEST_NOW)), clock: fixedClock(TEST_NOW) });
    scheme = await makeScheme(db);
    provider = await makeProvider(db, scheme);
    connector = await makeStaff(db, 'connector', scheme);
  });
  afterAll(async () => db.drop());

  it('creates the person, their online consents and a sent referral together, once per form', async () => {
    const form = selfForm();
    const id = await submit(selfReferralForm, form, (f) => s.community.selfRefer(provider.activityId, f));
    expect(await submit(selfReferralForm, form, (f) => s.community.selfRefer(provider.activityId, f))).toBe(id);
    const [r] = await db.query<Record<string, unknown>>('select * from referrals where id = $1', [id]);
    expect(r).toMatchObject({ status: 'sent', route: 'self', referrer_id: null, provider_organisation_id: provider.organisationId, scheme_id: scheme });
    const [p] = await db.query<Record<string, unknown>>('select * from participants where id = $1', [r!.participant_id]);
    expect(p).toMatchObject({ source: 'self', scheme_id: scheme, preferred_name: 'Pat', postcode: 'NR302LA', caseworker_id: null });
    const consents = await db.query<{ purpose: string; method: string }>('select purpose, method from consents where participant_id = $1 order by purpose', [
      p!.id,
    ]);
    expect(consents).toEqual([
      { purpose: 'follow_up', method: 'online' },
      { purpose: 'referral', method: 'online' },
    ]);
    expect((await s.inbox.inbox(provider.staff, 'sent')).items.map((i) => i.id)).toContain(id);
    // What they wrote is addressed to the provider (the referral's message); no sharing consent is asked, so no 'what matters' is shown.
    expect((await s.referrals.view(provider.staff, id)).person?.whatMatters).toBeNull();
  });

  it('rejects invalid input and changes nothing', async () => {
    const before = await counts();
    for (const bad of [
      { consentReferral: '' },
      { preferredName: '' },
      { contactPreference: 'phone', phone: '' },
      { email: 'not-an-email' },
      { contactPreference: 'letter', address: '' },
      { postcode: 'XYZ' },
      { idempotencyKey: 'short' },
    ]) {
      await expect(submit(selfReferralForm, selfForm(bad), (f) => s.community.selfRefer(provider.activityId, f))).rejects.toBeInstanceOf(ValidationFailed);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses politely where the activity takes no self-referrals or its organisation has no scheme', async () => {
    const noSelf = await makeProvider(db, scheme, { referralRoutes: ['link_worker'], name: 'Referrals Only' });
    await expect(submit(selfReferralForm, selfForm(), (f) => s.community.selfRefer(noSelf.activityId, f))).rejects.toBeInstanceOf(Conflict);
    const noScheme = await makeProvider(db, scheme, { name: 'Unattached' });
    await db.query('update organisations set scheme_id = null where id = $1', [noScheme.organisationId]);
    expect((await s.community.selfReferralForm(noScheme.activityId)).closed).toBe('no_scheme');
    await expect(submit(selfReferralForm, selfForm(), (f) => s.community.selfRefer(noScheme.activityId, f))).rejects.toBeInstanceOf(Conflict);
  });

  it('lets a connector refer someone they met to an activity that takes connector referrals', async () => {
    const id = await submit(
      connectorReferralForm,
      {
        activityId: provider.activityId,
        preferredName: 'Stan',
        contactPreference: 'phone',
        phone: '07700 900222',
        consentVerbal: 'yes',
        idempotencyKey: key(),
      },
      (f) => s.community.connectorRefer(connector, f),
    );
    const [r] = await db.query<Record<string, unknown>>(
      'select r.route, r.referrer_id, r.status, p.source from referrals r join participants p on p.id = r.participant_id where r.id = $1',
      [id],
    );
    expect(r).toEqual({ route: 'connector', referrer_id: connector.id, status: 'sent', source: 'connector' });
    expect((await s.community.connectorHome(connector)).items.map((i) => i.id)).toEqual([id]);
    expect((await s.inbox.inbox(provider.staff, undefined)).items.map((i) => i.id)).toContain(id);
    expect((await s.referrals.view(connector, id)).side).toBe('referrer');
    const otherConnector = await makeStaff(db, 'connector', scheme);
    await expect(s.referrals.view(otherConnector, id)).rejects.toThrow('not found');
  });

  it('refuses connector referrals without consent, to activities that do not take them, or from other roles', async () => {
    const closed = await makeProvider(db, scheme, { referralRoutes: ['link_worker', 'self'], name: 'No Connectors' });
    const form = {
      activityId: provider.activityId,
      preferredName: 'Stan',
      contactPreference: 'phone',
      phone: '07700 900222',
      consentVerbal: '',
      idempotencyKey: key(),
    };
    await expect(submit(connectorReferralForm, form, (f) => s.community.connectorRefer(connector, f))).rejects.toBeInstanceOf(ValidationFailed);
    await expect(
      submit(connectorReferralForm, { ...form, consentVerbal: 'yes', activityId: closed.activityId }, (f) => s.community.connectorRefer(connector, f)),
    ).rejects.toBeInstanceOf(ValidationFailed);
    expect((await s.community.connectorActivities(connector)).map((a) => a.id)).toEqual([provider.activityId]);
    await expect(submit(connectorReferralForm, { ...form, consentVerbal: 'yes' }, (f) => s.community.connectorRefer(provider.staff, f))).rejects.toBeInstanceOf(
      Forbidden,
    );
  });
});
