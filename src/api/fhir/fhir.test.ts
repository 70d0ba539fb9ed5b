import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { makeUser } from '../../../test/factories.ts';
import { fhirProblems, loadFhirDefinitions } from '../../../test/fhir-validator.ts';
import { makeReferral, makeWorld, type World } from '../../../test/fixtures/notify.fixtures.ts';
import { createTestApp, type TestApp, Visitor } from '../../../test/test-app.ts';
import { FHIR_MEDIA_TYPE, type FhirBundle } from '../../domain/fhir.ts';
import { paths } from '../../web/paths.ts';
import { FHIR_BODY_LIMIT, FHIR_RATE_LIMIT } from './fhir.routes.ts';

type Actor = 'signed out' | 'provider' | 'link worker' | 'other link worker' | 'connector' | 'coordinator' | 'other coordinator' | 'admin';
type Json = Record<string, any>;

const PASSWORD = 'test-password-123';

/** Issue 13: a referral as FHIR R4 out (download) and in (a referring organisation's system posts a ServiceRequest). */
describe.each(ENGINES)('FHIR ServiceRequest out and in ($name)', (engine) => {
  let t: TestApp;
  let w: World;
  let other: World;
  let admin: { id: string; email: string };
  let referralId: string;
  let token: string;
  let otherOrgToken: string;
  const logins: Partial<Record<Actor, string>> = {};

  const visitor = async (actor: Actor) => {
    const v = new Visitor(t.app);
    if (actor !== 'signed out') await v.signIn(logins[actor]!, PASSWORD);
    return v;
  };

  /** An administrator issues a token on the admin page; it is read from the page that shows it once. */
  async function issueToken(organisationId: string, label: string): Promise<string> {
    const v = await visitor('admin');
    const res = await v.post(paths.admin.apiTokens, { organisationId, label });
    expect(res.statusCode).toBe(200);
    const found = /value="(wm_[A-Za-z0-9_-]{43})"/.exec(res.body);
    expect(found, 'the new token is shown').not.toBeNull();
    return found![1]!;
  }

  const post = (body: string | Buffer, opts: { token?: string | null; type?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: paths.fhirApi.serviceRequests,
      headers: {
        'content-type': opts.type ?? FHIR_MEDIA_TYPE,
        ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` }),
      },
      payload: body,
    });

  const counts = async () =>
    (
      await t.db.query<{ p: number; r: number; c: number; i: number }>(
        `select (select count(*)::int from participants) as p, (select count(*)::int from referrals) as r,
           (select count(*)::int from consents) as c, (select count(*)::int from inbound_referrals) as i`,
      )
    )[0]!;

  async function download(actor: Actor = 'link worker'): Promise<FhirBundle> {
    const res = await (await visitor(actor)).get(paths.referrals.fhir(referralId));
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body) as FhirBundle;
  }

  /** Our own download, given a new identifier, as another system would send it. */
  async function outboundAsSent(identifier: string): Promise<Json> {
    const b = (await download()) as Json;
    const sr = b.entry.find((e: Json) => e.resource.resourceType === 'ServiceRequest').resource;
    sr.identifier = [{ system: 'https://gp-system.example/referrals', value: identifier }];
    sr.status = 'active';
    return b;
  }

  beforeAll(async () => {
    loadFhirDefinitions();
    t = await createTestApp(engine);
    w = await makeWorld(t.db);
    other = await makeWorld(t.db, { schemeName: 'Other scheme' });
    const r = await makeReferral(t.db, w, { status: 'sent', sentAt: new Date('2026-11-02T10:00:00Z') });
    referralId = r.id;
    await t.db.query(`update referrals set support_needs = 'Walking stick; prefers mornings', message = 'Loves old maps' where id = $1`, [referralId]);
    admin = await makeUser(t.db, { role: 'admin' });
    logins.provider = w.provider.email;
    logins['link worker'] = w.linkWorker.email;
    logins['other link worker'] = other.linkWorker.email;
    logins.connector = w.connector.email;
    logins.coordinator = w.coordinator.email;
    logins['other coordinator'] = other.coordinator.email;
    logins.admin = admin.email;
    token = await issueToken(w.referrerOrg, 'Practice clinical system');
    otherOrgToken = await issueToken(other.referrerOrg, 'Other practice system');
  });
  afterAll(async () => t.close());

  describe('out: the referral as a FHIR Bundle', () => {
    it.each<[Actor, string]>([
      ['signed out', 'sign in'],
      ['provider', '403'],
      ['connector', '403'],
      ['admin', '403'],
      ['other link worker', '404'],
      ['other coordinator', '404'],
      ['link worker', 'allowed'],
      ['coordinator', 'allowed'],
    ])('%s: %s', async (actor, expected) => {
      const res = await (await visitor(actor)).get(paths.referrals.fhir(referralId));
      const got =
        res.statusCode === 302 && String(res.headers.location).startsWith('/sign-in') ? 'sign in' : res.statusCode === 200 ? 'allowed' : String(res.statusCode);
      expect(got).toBe(expected);
    });

    it('is a FHIR R4 Bundle the Medplum validator accepts, as a download, audited as an export', async () => {
      const res = await (await visitor('link worker')).get(paths.referrals.fhir(referralId));
      expect(res.headers['content-type']).toBe(`${FHIR_MEDIA_TYPE}; charset=utf-8`);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="referral-${referralId}.fhir.json"`);
      expect(res.headers['cache-control']).toBe('no-store');
      const bundle = JSON.parse(res.body) as FhirBundle;
      expect(fhirProblems(bundle)).toEqual([]);
      const audit = await t.db.query<{ actor_id: string; detail: Json }>(
        `select actor_id, detail from audit_events where action = 'participant.fhir_exported'`,
      );
      expect(audit.map((a) => a.actor_id)).toContain(w.linkWorker.id);
      expect(JSON.stringify(audit.map((a) => a.detail))).not.toContain('Alex');
    });

    it('says what the referral says: status, SNOMED CT code, dates, requester, performer, and no more about the person than the provider sees', async () => {
      const bundle = await download();
      const byType = (type: string) => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource as Json);
      const sr = byType('ServiceRequest')[0]!;
      expect(sr.status).toBe('active');
      expect(sr.intent).toBe('order');
      expect(sr.code.coding).toEqual([{ system: 'http://snomed.info/sct', code: '871731000000106', display: 'Referral to social prescribing service' }]);
      expect(sr.authoredOn).toBe('2026-11-02T10:00:00.000Z');
      expect(sr.reasonCode).toEqual([{ text: 'Walking stick; prefers mornings' }]);
      expect(sr.note).toEqual([{ text: 'Loves old maps' }]);
      const role = byType('PractitionerRole')[0]!;
      expect(sr.requester.reference).toBe(`urn:uuid:${role.id}`);
      expect(byType('Practitioner')[0]!.id).toBe(w.linkWorker.id);
      expect(byType('HealthcareService')[0]).toMatchObject({
        id: w.activity,
        name: 'Riverside heritage walk',
        providedBy: { reference: `urn:uuid:${w.providerOrg}` },
      });
      expect(sr.supportingInfo[0].reference).toBe(`urn:uuid:${byType('Consent')[0]!.id}`);
      const patient = byType('Patient')[0]!;
      expect(Object.keys(patient).sort()).toEqual(['address', 'id', 'identifier', 'name', 'resourceType', 'telecom']);
      expect(patient.name).toEqual([{ use: 'usual', text: 'Alex' }]);
      expect(JSON.stringify(patient)).not.toContain('TT1'); // the postcode is not shared with providers
      for (const e of bundle.entry) expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    });

    it('is linked from the referral page and the GP summary', async () => {
      const v = await visitor('link worker');
      for (const url of [paths.referrals.referral(referralId), paths.referrals.gpSummary(referralId)]) {
        const page = await v.get(url);
        expect(page.body).toContain(`href="${paths.referrals.fhir(referralId)}" download>Download as FHIR (JSON)</a>`);
      }
    });
  });

  describe('API tokens', () => {
    it('are kept only as a hash, listed without the token, and audited', async () => {
      const rows = await t.db.query<{ token_hash: string }>('select token_hash from api_tokens');
      expect(rows.map((r) => r.token_hash)).not.toContain(token);
      const page = await (await visitor('admin')).get(paths.admin.apiTokens);
      expect(page.body).toContain('Practice clinical system');
      expect(page.body).not.toContain(token);
      const audit = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'api_token.issued' and actor_id = $1`, [
        admin.id,
      ]);
      expect(audit[0]!.n).toBe(2);
    });

    it('are issued only to referring organisations, with the reason next to the field', async () => {
      const res = await (await visitor('admin')).post(paths.admin.apiTokens, { organisationId: w.providerOrg, label: 'Wrong' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Choose a referring organisation from the list');
    });

    it('answer 401 as an OperationOutcome without a token, with a malformed or unknown one, and once revoked', async () => {
      const body = JSON.stringify(await outboundAsSent('revoked-1'));
      const revocable = await issueToken(w.referrerOrg, 'To revoke');
      const before = await counts();
      for (const bad of [null, 'nonsense', `wm_${'A'.repeat(43)}`]) {
        const res = await post(body, { token: bad });
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(JSON.parse(res.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
      }
      const { id } = (await t.db.query<{ id: string }>(`select id from api_tokens where label = 'To revoke'`))[0]!;
      const revoke = await (await visitor('admin')).post(paths.admin.apiTokenRevoke(id!));
      expect(revoke.statusCode).toBe(303);
      expect((await post(body, { token: revocable })).statusCode).toBe(401);
      expect(await counts()).toEqual(before);
      const audit = await t.db.query(`select 1 from audit_events where action = 'api_token.revoked' and subject_id = $1`, [id]);
      expect(audit).toHaveLength(1);
      expect((await (await visitor('admin')).post(paths.admin.apiTokenRevoke(id!))).statusCode).toBe(409);
    });

    it('are refused to everyone but administrators', async () => {
      for (const actor of ['provider', 'link worker', 'coordinator'] as Actor[]) {
        expect((await (await visitor(actor)).get(paths.admin.apiTokens)).statusCode).toBe(403);
      }
    });
  });

  describe('in: a ServiceRequest from a referring system', () => {
    let receivedId: string;
    let location: string;

    it('round trip: our own Bundle sent back makes an equivalent draft, waiting in the scheme’s queue', async () => {
      const before = await counts();
      const res = await post(JSON.stringify(await outboundAsSent('GP-REF-0001')));
      expect(res.statusCode).toBe(201);
      expect(JSON.parse(res.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }] });
      location = String(res.headers.location);
      expect(location).toMatch(/\/api\/fhir\/ServiceRequest\/[0-9a-f-]{36}$/);
      receivedId = location.split('/').pop()!;
      expect(await counts()).toEqual({ p: before.p + 1, r: before.r + 1, c: before.c + 1, i: before.i + 1 });
      const [r] = await t.db.query<Json>(
        `select r.status, r.route, r.activity_id, r.scheme_id, r.referrer_id, r.support_needs, r.message, p.preferred_name, p.email, p.phone, p.address,
           p.contact_preference, p.caseworker_id from referrals r join participants p on p.id = r.participant_id where r.id = $1`,
        [receivedId],
      );
      expect(r).toEqual({
        status: 'draft',
        route: 'link_worker',
        activity_id: w.activity,
        scheme_id: w.schemeId,
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
      const consent = await t.db.query<Json>(
        `select purpose, method, recorded_by from consents c join referrals r on r.participant_id = c.participant_id where r.id = $1`,
        [receivedId],
      );
      expect(consent).toEqual([{ purpose: 'referral', method: 'written', recorded_by: null }]);
      const audit = await t.db.query<{ action: string }>(
        `select action from audit_events where (subject_type = 'referral' and subject_id = $1::text) or (subject_type = 'participant' and subject_id = (select participant_id::text from referrals where id = $1::uuid)) order by id`,
        [receivedId],
      );
      expect(audit.map((a) => a.action)).toEqual(['participant.created', 'consent.recorded', 'referral.created', 'referral.received']);
    });

    it('a resend of the same identifier creates nothing new and points at the first', async () => {
      const before = await counts();
      const res = await post(JSON.stringify(await outboundAsSent('GP-REF-0001')));
      expect(res.statusCode).toBe(200);
      expect(res.headers.location).toBe(location);
      expect(await counts()).toEqual(before);
    });

    it('the same identifier from another organisation is another referral; each reads back only its own', async () => {
      const res = await post(JSON.stringify(await outboundAsSent('GP-REF-0001')), { token: otherOrgToken });
      expect(res.statusCode).toBe(201);
      const theirs = String(res.headers.location).split('/').pop()!;
      const read = (id: string, tok: string) =>
        t.app.inject({ method: 'GET', url: paths.fhirApi.serviceRequest(id), headers: { authorization: `Bearer ${tok}` } });
      const mine = await read(receivedId, token);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['cache-control']).toBe('no-store');
      expect(fhirProblems(JSON.parse(mine.body))).toEqual([]);
      expect((await read(theirs, token)).statusCode).toBe(404);
      expect((await read(receivedId, otherOrgToken)).statusCode).toBe(404);
      expect((await read(referralId, token)).statusCode).toBe(404); // a referral made in Waymark
      expect((await read('not-a-uuid', token)).statusCode).toBe(404);
    });

    it('waits for a link worker of the scheme, who takes it into their caseload (once); others cannot', async () => {
      const lw = await visitor('link worker');
      const caseload = await lw.get(paths.caseload.list);
      expect(caseload.body).toContain('Referrals sent by other systems');
      expect(caseload.body).toContain(paths.referrals.takeReceived(receivedId));
      expect((await (await visitor('coordinator')).get(paths.caseload.list)).body).not.toContain(paths.referrals.takeReceived(receivedId));
      expect((await (await visitor('other link worker')).post(paths.referrals.takeReceived(receivedId))).statusCode).toBe(404);
      expect((await (await visitor('coordinator')).post(paths.referrals.takeReceived(receivedId))).statusCode).toBe(403);
      expect((await lw.post(paths.referrals.takeReceived(referralId))).statusCode).toBe(404);
      const took = await lw.post(paths.referrals.takeReceived(receivedId));
      expect(took.statusCode).toBe(303);
      expect(took.headers.location).toBe(`${paths.referrals.referral(receivedId)}?done=taken`);
      expect((await lw.post(paths.referrals.takeReceived(receivedId))).statusCode).toBe(409);
      const [row] = await t.db.query<Json>(
        `select p.caseworker_id, r.referrer_id, r.referrer_organisation_id from referrals r join participants p on p.id = r.participant_id where r.id = $1`,
        [receivedId],
      );
      expect(row).toEqual({ caseworker_id: w.linkWorker.id, referrer_id: w.linkWorker.id, referrer_organisation_id: w.referrerOrg });
      // Now an ordinary draft: the link worker checks it and sends it on (the consent the system asserted is recorded).
      const page = await lw.get(paths.referrals.referral(receivedId));
      expect(page.statusCode).toBe(200);
      const sent = await lw.post(paths.referrals.status(receivedId), { from: 'draft', to: 'sent', note: '', barriersChecked: 'yes' });
      expect(sent.body.match(/nhsuk-error-message[^<]*<[^>]*>[^<]*<\/span>([^<]*)/g) ?? []).toEqual([]);
      expect(sent.statusCode).toBe(303);
      expect((await t.db.query<{ status: string }>('select status from referrals where id = $1', [receivedId]))[0]!.status).toBe('sent');
    });

    it('erasing a person who came in this way clears them and what named them', async () => {
      const res = await post(JSON.stringify(await outboundAsSent('GP-REF-ERASE')));
      const id = String(res.headers.location).split('/').pop()!;
      const { participant_id } = (await t.db.query<{ participant_id: string }>('select participant_id from referrals where id = $1', [id]))[0]!;
      await t.services.privacy.erase(
        { id: admin.id, email: admin.email, displayName: 'Test Person', role: 'admin', organisationIds: [], schemeId: null },
        participant_id,
      );
      expect(await t.db.query('select 1 from inbound_referrals where referral_id = $1', [id])).toHaveLength(0);
      expect(await t.db.query('select 1 from participants where id = $1', [participant_id])).toHaveLength(0);
      const [r] = await t.db.query<Json>('select participant_id, support_needs, message from referrals where id = $1', [id]);
      expect(r).toEqual({ participant_id: null, support_needs: '', message: '' });
    });
  });

  describe('in: bad and hostile bodies are refused with a 4xx OperationOutcome and nothing stored', () => {
    const valid = async () => outboundAsSent(`GP-HOSTILE-${Math.random().toString(36).slice(2)}`);
    const sr = (b: Json) => b.entry.find((e: Json) => e.resource.resourceType === 'ServiceRequest').resource as Json;
    const patientOf = (b: Json) => b.entry.find((e: Json) => e.resource.resourceType === 'Patient').resource as Json;

    const cases: [string, (b: Json) => string | Buffer, number, string, string?][] = [
      ['invalid JSON', () => '{"resourceType": "Bundle", ', 400, 'not valid JSON'],
      ['a JSON array', () => '[]', 400, 'JSON object with a resourceType'],
      ['a huge body', () => JSON.stringify({ resourceType: 'Bundle', padding: 'x'.repeat(FHIR_BODY_LIMIT) }), 413, 'too large'],
      ['the wrong resourceType', () => JSON.stringify({ resourceType: 'Patient', name: [{ text: 'Alex' }] }), 422, 'Send a ServiceRequest'],
      ['form data instead of JSON', () => 'resourceType=ServiceRequest', 415, 'application/fhir+json', 'application/x-www-form-urlencoded'],
      [
        'no patient',
        (b) => {
          b.entry = b.entry.filter((e: Json) => e.resource.resourceType !== 'Patient');
          return JSON.stringify(b);
        },
        422,
        'subject must be a Patient',
      ],
      [
        'a script in the name',
        (b) => {
          patientOf(b).name = [{ text: '<script>alert(1)</script>' }];
          return JSON.stringify(b);
        },
        422,
        'plain text',
      ],
      [
        'markup in the note',
        (b) => {
          sr(b).note = [{ text: 'Hello <img src=x onerror=alert(1)>' }];
          return JSON.stringify(b);
        },
        422,
        'plain text',
      ],
      [
        'no consent',
        (b) => {
          delete sr(b).supportingInfo;
          return JSON.stringify(b);
        },
        422,
        'consent to being referred',
      ],
      [
        'withdrawn consent',
        (b) => {
          b.entry.find((e: Json) => e.resource.resourceType === 'Consent').resource.status = 'inactive';
          return JSON.stringify(b);
        },
        422,
        'consent to being referred',
      ],
      [
        'another SNOMED code',
        (b) => {
          sr(b).code = { coding: [{ system: 'http://snomed.info/sct', code: '183524004' }] };
          return JSON.stringify(b);
        },
        422,
        '871731000000106',
      ],
      [
        'no identifier',
        (b) => {
          delete sr(b).identifier;
          return JSON.stringify(b);
        },
        422,
        'identifier',
      ],
      [
        'an unknown activity',
        (b) => {
          b.entry.find((e: Json) => e.resource.resourceType === 'HealthcareService').resource.identifier[0].value = '00000000-0000-4000-8000-000000000000';
          return JSON.stringify(b);
        },
        422,
        'No activity',
      ],
      [
        'no way to reach the person',
        (b) => {
          const p = patientOf(b);
          delete p.telecom;
          delete p.address;
          return JSON.stringify(b);
        },
        422,
        'phone number, an email address or a postal address',
      ],
      [
        'a NUL character',
        (b) => {
          sr(b).note = [{ text: 'a\u0000b' }];
          return JSON.stringify(b);
        },
        400,
        'characters we cannot accept',
      ],
      [
        'two ServiceRequests',
        (b) => {
          b.entry.push({ fullUrl: 'urn:uuid:x', resource: { ...sr(b), id: 'x' } });
          return JSON.stringify(b);
        },
        422,
        'exactly one ServiceRequest',
      ],
    ];

    it.each(cases)('%s', async (_name, make, status, words, type) => {
      const before = await counts();
      const res = await post(make(await valid()), { type });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toBe(`${FHIR_MEDIA_TYPE}; charset=utf-8`);
      const outcome = JSON.parse(res.body);
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0].diagnostics).toContain(words);
      expect(fhirProblems(outcome)).toEqual([]);
      expect(await counts()).toEqual(before);
    });

    it('an activity that takes no referrals from link workers is refused, as the link worker could not send it', async () => {
      const [{ routes }] = (await t.db.query<{ routes: string[] }>('select referral_routes as routes from activities where id = $1', [w.activity])) as [
        { routes: string[] },
      ];
      const body = JSON.stringify(await valid());
      await t.db.query(`update activities set referral_routes = array['self'] where id = $1`, [w.activity]);
      try {
        const before = await counts();
        const res = await post(body);
        expect(res.statusCode).toBe(422);
        expect(JSON.parse(res.body).issue[0]).toMatchObject({
          diagnostics: 'This activity does not take referrals from link workers',
          expression: ['ServiceRequest.performer'],
        });
        expect(await counts()).toEqual(before);
      } finally {
        await t.db.query('update activities set referral_routes = $2 where id = $1', [w.activity, routes]);
      }
    });

    it('fuzzed bodies: every mutation of a valid Bundle is answered without a 5xx, and only a valid one stores anything', async () => {
      let seed = 20261207;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const nasty = [null, 0, -1, 1e308, true, '', ' ', 'x'.repeat(5000), '<script>', '\u202e', [], {}, [[[]]], { reference: 'urn:uuid:nope' }, '2026-13-45'];
      const spots: string[][] = [];
      const walk = (v: unknown, at: string[]) => {
        spots.push(at);
        if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...at, k]);
      };
      const base = await valid();
      walk(base, []);
      const statuses = new Set<number>();
      for (let n = 0; n < 150; n++) {
        const b = structuredClone(base) as Json;
        sr(b).identifier = [{ system: 'https://fuzz.example', value: `fuzz-${n}` }];
        const at = spots[Math.floor(random() * spots.length)]!;
        if (at.length === 0) continue;
        let parent: any = b;
        for (const k of at.slice(0, -1)) parent = parent?.[k];
        if (parent && typeof parent === 'object') parent[at.at(-1)!] = nasty[Math.floor(random() * nasty.length)];
        const before = await counts();
        const res = await post(JSON.stringify(b));
        statuses.add(res.statusCode);
        expect(res.statusCode, `${at.join('.')}`).toBeLessThan(500);
        expect(JSON.parse(res.body).resourceType).toBe('OperationOutcome');
        const after = await counts();
        if (res.statusCode === 201) expect(after.r).toBe(before.r + 1);
        else expect(after).toEqual(before);
      }
      expect([...statuses].some((s) => s === 422)).toBe(true);
    });

    it(`is rate limited: more than ${FHIR_RATE_LIMIT} requests a minute with one token get 429`, async () => {
      const limited = await issueToken(w.referrerOrg, 'Rate limit');
      let last = 0;
      for (let n = 0; n <= FHIR_RATE_LIMIT; n++) last = (await post('{}', { token: limited })).statusCode;
      expect(last).toBe(429);
    });
  });
});
