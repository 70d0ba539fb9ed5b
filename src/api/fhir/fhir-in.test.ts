import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { containedOf, type FhirBundleJson, type FhirResource, resourceOf, useFhirWorld } from '../../../test/fixtures/fhir.fixtures.ts';
import { makeReferral } from '../../../test/fixtures/notify.fixtures.ts';
import { fhirProblems } from '../../../test/fhir-validator.ts';
import { paths } from '../../web/paths.ts';

type Row = Record<string, unknown>;

/** Issue 13: a referring organisation's system posts a ServiceRequest; it becomes a draft for a link worker of the scheme. */
describe.each(ENGINES)('FHIR in: a ServiceRequest from a referring system ($name)', (engine) => {
  const f = useFhirWorld(engine);
  let receivedId: string;
  let location: string;

  it('round trip: our own Bundle sent back makes an equivalent draft, waiting in the scheme’s queue', async () => {
    const before = await f.counts();
    const res = await f.post(JSON.stringify(await f.outboundAsSent('GP-REF-0001')));
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }] });
    location = String(res.headers.location);
    expect(location).toMatch(/\/api\/fhir\/ServiceRequest\/[0-9a-f-]{36}$/);
    receivedId = location.split('/').pop()!;
    expect(await f.counts()).toEqual({ p: before.p + 1, r: before.r + 1, c: before.c + 1, i: before.i + 1 });
    const [r] = await f.t.db.query<Row>(
      `select r.status, r.route, r.activity_id, r.scheme_id, r.referrer_id, r.support_needs, r.message, p.preferred_name, p.email, p.phone, p.address,
         p.contact_preference, p.caseworker_id from referrals r join participants p on p.id = r.participant_id where r.id = $1`,
      [receivedId],
    );
    expect(r).toEqual({
      status: 'draft',
      route: 'link_worker',
      activity_id: f.w.activity,
      scheme_id: f.w.schemeId,
      referrer_id: null,
      support_needs: 'Walking stick; prefers mornings',
      message: 'Loves old maps',
      preferred_name: 'Alex',
      email: 'alex@example.net',
      phone: '+447700900123', // normalised as decision 023 says
      address: '1 Test Row, Testtown',
      contact_preference: 'email',
      caseworker_id: null,
    });
    const consent = await f.t.db.query<Row>(
      `select purpose, method, recorded_by from consents c join referrals r on r.participant_id = c.participant_id where r.id = $1`,
      [receivedId],
    );
    expect(consent).toEqual([{ purpose: 'referral', method: 'written', recorded_by: null }]);
    const audit = await f.t.db.query<{ action: string }>(
      `select action from audit_events where (subject_type = 'referral' and subject_id = $1::text) or (subject_type = 'participant' and subject_id = (select participant_id::text from referrals where id = $1::uuid)) order by id`,
      [receivedId],
    );
    expect(audit.map((a) => a.action)).toEqual(['participant.created', 'consent.recorded', 'referral.created', 'referral.received']);
  });

  it('a resend of the same identifier creates nothing new and points at the first', async () => {
    const before = await f.counts();
    const res = await f.post(JSON.stringify(await f.outboundAsSent('GP-REF-0001')));
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBe(location);
    expect(await f.counts()).toEqual(before);
  });

  it('the same identifier from another organisation is another referral; each reads back only its own', async () => {
    const res = await f.post(JSON.stringify(await f.outboundAsSent('GP-REF-0001')), { token: f.otherOrgToken });
    expect(res.statusCode).toBe(201);
    const theirs = String(res.headers.location).split('/').pop()!;
    const read = (id: string, tok: string) =>
      f.t.app.inject({ method: 'GET', url: paths.fhirApi.serviceRequest(id), headers: { authorization: `Bearer ${tok}` } });
    const mine = await read(receivedId, f.token);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    // A FHIR read answers the ServiceRequest itself, what it refers to contained in it.
    const sr = JSON.parse(mine.body) as FhirResource;
    expect(fhirProblems(sr)).toEqual([]);
    expect(sr).toMatchObject({ resourceType: 'ServiceRequest', id: receivedId, status: 'draft', subject: { reference: `#${containedOf(sr, 'Patient').id}` } });
    const references = [...mine.body.matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1]!);
    const contained = new Set((sr.contained as FhirResource[]).map((r) => `#${r.id}`));
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((r) => !contained.has(r))).toEqual([]);
    expect((await read(theirs, f.token)).statusCode).toBe(404);
    expect((await read(receivedId, f.otherOrgToken)).statusCode).toBe(404);
    expect((await read(f.referralId, f.token)).statusCode).toBe(404); // a referral made in Waymark
    expect((await read('not-a-uuid', f.token)).statusCode).toBe(404);
  });

  it('waits for a link worker of the scheme, who takes it into their caseload (once); others cannot', async () => {
    const lw = await f.visitor('link worker');
    const caseload = await lw.get(paths.caseload.list);
    expect(caseload.body).toContain('Referrals sent by other systems');
    expect(caseload.body).toContain(paths.referrals.takeReceived(receivedId));
    expect((await (await f.visitor('coordinator')).get(paths.caseload.list)).body).not.toContain(paths.referrals.takeReceived(receivedId));
    expect((await (await f.visitor('other link worker')).post(paths.referrals.takeReceived(receivedId))).statusCode).toBe(404);
    expect((await (await f.visitor('coordinator')).post(paths.referrals.takeReceived(receivedId))).statusCode).toBe(403);
    expect((await lw.post(paths.referrals.takeReceived(f.referralId))).statusCode).toBe(404);
    const took = await lw.post(paths.referrals.takeReceived(receivedId));
    expect(took.statusCode).toBe(303);
    expect(took.headers.location).toBe(`${paths.referrals.referral(receivedId)}?done=taken`);
    expect((await lw.post(paths.referrals.takeReceived(receivedId))).statusCode).toBe(409);
    const [row] = await f.t.db.query<Row>(
      `select p.caseworker_id, r.referrer_id, r.referrer_organisation_id from referrals r join participants p on p.id = r.participant_id where r.id = $1`,
      [receivedId],
    );
    expect(row).toEqual({ caseworker_id: f.w.linkWorker.id, referrer_id: f.w.linkWorker.id, referrer_organisation_id: f.w.referrerOrg });
    // Now an ordinary draft: the link worker checks it and sends it on (the consent the system asserted is recorded).
    const page = await lw.get(paths.referrals.referral(receivedId));
    expect(page.statusCode).toBe(200);
    const sent = await lw.post(paths.referrals.status(receivedId), { from: 'draft', to: 'sent', note: '', barriersChecked: 'yes' });
    expect(sent.body.match(/nhsuk-error-message[^<]*<[^>]*>[^<]*<\/span>([^<]*)/g) ?? []).toEqual([]);
    expect(sent.statusCode).toBe(303);
    expect((await f.t.db.query<{ status: string }>('select status from referrals where id = $1', [receivedId]))[0]!.status).toBe('sent');
  });

  it('erasing a person who came in this way clears them and what named them', async () => {
    const res = await f.post(JSON.stringify(await f.outboundAsSent('GP-REF-ERASE')));
    const id = String(res.headers.location).split('/').pop()!;
    const { participant_id } = (await f.t.db.query<{ participant_id: string }>('select participant_id from referrals where id = $1', [id]))[0]!;
    await f.t.services.privacy.erase(
      { id: f.admin.id, email: f.admin.email, displayName: 'Test Person', role: 'admin', organisationIds: [], schemeId: null },
      participant_id,
    );
    expect(await f.t.db.query('select 1 from inbound_referrals where referral_id = $1', [id])).toHaveLength(0);
    expect(await f.t.db.query('select 1 from participants where id = $1', [participant_id])).toHaveLength(0);
    const [r] = await f.t.db.query<Row>('select participant_id, support_needs, message from referrals where id = $1', [id]);
    expect(r).toEqual({ participant_id: null, support_needs: '', message: '' });
  });

  /** Posts a Bundle as the referring system, and reads what it made. */
  async function received(bundle: FhirBundleJson, identifier: string) {
    resourceOf(bundle, 'ServiceRequest').identifier = [{ system: 'https://gp-system.example/referrals', value: identifier }];
    const res = await f.post(JSON.stringify(bundle));
    expect(res.statusCode, res.body).toBe(201);
    const id = String(res.headers.location).split('/').pop()!;
    const [row] = await f.t.db.query<Row>(
      `select r.target, r.activity_id, r.buddy_scheme_id, r.scheme_id, r.provider_organisation_id, p.contact_preference, c.given_at
       from referrals r join participants p on p.id = r.participant_id join consents c on c.participant_id = p.id where r.id = $1`,
      [id],
    );
    return { id, row: row! };
  }

  it.each([
    ['text', { system: 'sms', value: '07700 900123', rank: 1 }],
    ['phone', { system: 'phone', value: '07700 900123', rank: 1 }],
    ['letter', undefined],
  ] as const)('a %s preference goes out the FHIR way and comes back as the same preference', async (preference, first) => {
    const { id } = await makeReferral(f.t.db, f.w, { status: 'sent', sentAt: new Date('2026-11-02T10:00:00Z'), contactPreference: preference });
    const bundle = await f.download('link worker', id);
    expect(fhirProblems(bundle)).toEqual([]);
    const patient = resourceOf(bundle, 'Patient');
    const ranked = (patient.telecom as { rank?: number }[]).filter((t) => t.rank === 1);
    expect(ranked).toEqual(first ? [first] : []);
    const [address] = patient.address as { extension?: unknown }[];
    expect(address!.extension).toEqual(
      preference === 'letter' ? [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-preferred', valueBoolean: true }] : undefined,
    );
    expect((await received(bundle, `GP-PREF-${preference}`)).row.contact_preference).toBe(preference);
  });

  it('a text message is the preference when the only number sent is for texts', async () => {
    const bundle = await f.outboundAsSent('unused');
    resourceOf(bundle, 'Patient').telecom = [{ system: 'sms', value: '07700 900123' }];
    expect((await received(bundle, 'GP-SMS-ONLY')).row.contact_preference).toBe('text');
  });

  it.each([
    ['2026-11-02', '2026-11-02T00:00:00.000Z'],
    ['2026-07-14', '2026-07-13T23:00:00.000Z'],
    ['2026-11', '2026-11-01T00:00:00.000Z'],
    ['2026-11-20T16:45:00+00:00', '2026-11-20T16:45:00.000Z'],
  ])('consent dated %s (FHIR allows a date without a time) is recorded as given at %s, the start of that day in London', async (dateTime, givenAt) => {
    const bundle = await f.outboundAsSent('unused');
    resourceOf(bundle, 'Consent').dateTime = dateTime;
    const { row } = await received(bundle, `GP-CONSENT-${dateTime}`);
    expect(new Date(row.given_at as string).toISOString()).toBe(givenAt);
  });

  describe('to a buddy scheme', () => {
    let buddySchemeId: string;
    const toBuddyScheme = async () => {
      const bundle = await f.outboundAsSent('unused');
      const service = resourceOf(bundle, 'HealthcareService');
      const [activityId] = service.identifier as { system: string }[];
      service.identifier = [{ system: activityId!.system.replace(/\/activity$/, '/buddy-scheme'), value: buddySchemeId }];
      return bundle;
    };

    it('becomes a draft buddy-scheme referral in the buddy scheme’s area, which a link worker takes and sends as in the web journey', async () => {
      const [made] = await f.t.db.query<{ id: string }>(
        `insert into buddy_schemes (scheme_id, organisation_id, name, created_at, updated_at) values ($1, $2, 'Riverside Buddies', $3, $3) returning id`,
        [f.w.schemeId, f.w.providerOrg, f.t.clock.now()],
      );
      buddySchemeId = made!.id;
      const { id, row } = await received(await toBuddyScheme(), 'GP-BUDDY-1');
      expect(row).toMatchObject({
        target: 'buddy_scheme',
        activity_id: null,
        buddy_scheme_id: buddySchemeId,
        scheme_id: f.w.schemeId,
        provider_organisation_id: f.w.providerOrg,
      });
      const readBack = await f.t.app.inject({ method: 'GET', url: paths.fhirApi.serviceRequest(id), headers: { authorization: `Bearer ${f.token}` } });
      const sr = JSON.parse(readBack.body) as FhirResource;
      expect(fhirProblems(sr)).toEqual([]);
      expect(containedOf(sr, 'HealthcareService')).toMatchObject({ id: buddySchemeId, name: 'Riverside Buddies (buddy scheme)' });
      const lw = await f.visitor('link worker');
      expect((await lw.get(paths.caseload.list)).body).toContain('Riverside Buddies');
      expect((await lw.post(paths.referrals.takeReceived(id))).statusCode).toBe(303);
      const sent = await lw.post(paths.referrals.status(id), { from: 'draft', to: 'sent', note: '', barriersChecked: 'yes' });
      expect(sent.statusCode).toBe(303);
      const inbox = await (await f.visitor('provider')).get(paths.inbox.referral(id)); // the buddy scheme's organisation answers it in its inbox
      expect(inbox.statusCode).toBe(200);
    });

    it('a paused buddy scheme is refused with the reason, and nothing is stored', async () => {
      await f.t.db.query('update buddy_schemes set active = false where id = $1', [buddySchemeId]);
      const before = await f.counts();
      const res = await f.post(JSON.stringify(await toBuddyScheme()));
      expect(res.statusCode).toBe(422);
      expect(JSON.parse(res.body).issue[0]).toMatchObject({
        diagnostics: 'This buddy scheme is not taking referrals at the moment',
        expression: ['ServiceRequest.performer'],
      });
      expect(await f.counts()).toEqual(before);
    });
  });
});
