import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { type Actor, type FhirResource, resourceOf, useFhirWorld } from '../../../test/fixtures/fhir.fixtures.ts';
import { fhirProblems } from '../../../test/fhir-validator.ts';
import { FHIR_MEDIA_TYPE } from '../../domain/fhir.ts';
import { paths } from '../../web/paths.ts';

/** Issue 13: a referral as FHIR R4 out (download), and the API tokens referring systems send with. */
describe.each(ENGINES)('FHIR out, and API tokens ($name)', (engine) => {
  const f = useFhirWorld(engine);

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
      const res = await (await f.visitor(actor)).get(paths.referrals.fhir(f.referralId));
      const got =
        res.statusCode === 302 && String(res.headers.location).startsWith('/sign-in') ? 'sign in' : res.statusCode === 200 ? 'allowed' : String(res.statusCode);
      expect(got).toBe(expected);
    });

    it('is a FHIR R4 Bundle the Medplum validator accepts, as a download, audited as an export', async () => {
      const res = await (await f.visitor('link worker')).get(paths.referrals.fhir(f.referralId));
      expect(res.headers['content-type']).toBe(`${FHIR_MEDIA_TYPE}; charset=utf-8`);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="referral-${f.referralId}.fhir.json"`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(fhirProblems(JSON.parse(res.body))).toEqual([]);
      const audit = await f.t.db.query<{ actor_id: string; detail: unknown }>(
        `select actor_id, detail from audit_events where action = 'participant.fhir_exported'`,
      );
      expect(audit.map((a) => a.actor_id)).toContain(f.w.linkWorker.id);
      expect(JSON.stringify(audit.map((a) => a.detail))).not.toContain('Alex');
    });

    it('says what the referral says: status, SNOMED CT code, dates, requester, performer, and no more about the person than the provider sees', async () => {
      const bundle = await f.download();
      const sr = resourceOf(bundle, 'ServiceRequest');
      expect(sr).toMatchObject({
        status: 'active',
        intent: 'order',
        code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106', display: 'Referral to social prescribing service' }] },
        authoredOn: '2026-11-02T10:00:00.000Z',
        reasonCode: [{ text: 'Walking stick; prefers mornings' }],
        note: [{ text: 'Loves old maps' }],
        requester: { reference: `urn:uuid:${resourceOf(bundle, 'PractitionerRole').id}` },
        supportingInfo: [{ reference: `urn:uuid:${resourceOf(bundle, 'Consent').id}` }],
      });
      expect(resourceOf(bundle, 'Practitioner').id).toBe(f.w.linkWorker.id);
      expect(resourceOf(bundle, 'HealthcareService')).toMatchObject({
        id: f.w.activity,
        name: 'Riverside heritage walk',
        providedBy: { reference: `urn:uuid:${f.w.providerOrg}` },
      });
      const patient: FhirResource = resourceOf(bundle, 'Patient');
      expect(Object.keys(patient).sort()).toEqual(['address', 'id', 'identifier', 'name', 'resourceType', 'telecom']);
      expect(patient.name).toEqual([{ use: 'usual', text: 'Alex' }]);
      expect(JSON.stringify(patient)).not.toContain('TT1'); // the postcode is not shared with providers
      for (const e of bundle.entry) expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    });

    it('is linked from the referral page and the GP summary', async () => {
      const v = await f.visitor('link worker');
      for (const url of [paths.referrals.referral(f.referralId), paths.referrals.gpSummary(f.referralId)]) {
        const page = await v.get(url);
        expect(page.body).toContain(`href="${paths.referrals.fhir(f.referralId)}" download>Download as FHIR (JSON)</a>`);
      }
    });
  });

  describe('API tokens', () => {
    it('are kept only as a hash, listed without the token, and audited', async () => {
      const rows = await f.t.db.query<{ token_hash: string }>('select token_hash from api_tokens');
      expect(rows.map((r) => r.token_hash)).not.toContain(f.token);
      const page = await (await f.visitor('admin')).get(paths.admin.apiTokens);
      expect(page.body).toContain('Practice clinical system');
      expect(page.body).not.toContain(f.token);
      const audit = await f.t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'api_token.issued' and actor_id = $1`, [
        f.admin.id,
      ]);
      expect(audit[0]!.n).toBe(2);
    });

    it('are issued only to referring organisations, with the reason next to the field', async () => {
      const res = await (await f.visitor('admin')).post(paths.admin.apiTokens, { organisationId: f.w.providerOrg, label: 'Wrong' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Choose a referring organisation from the list');
    });

    it('answer 401 as an OperationOutcome without a token, with a malformed or unknown one, and once revoked', async () => {
      const body = JSON.stringify(await f.outboundAsSent('revoked-1'));
      const revocable = await f.issueToken(f.w.referrerOrg, 'To revoke');
      const before = await f.counts();
      for (const bad of [null, 'nonsense', `wm_${'A'.repeat(43)}`]) {
        const res = await f.post(body, { token: bad });
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(JSON.parse(res.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
      }
      const { id } = (await f.t.db.query<{ id: string }>(`select id from api_tokens where label = 'To revoke'`))[0]!;
      const revoke = await (await f.visitor('admin')).post(paths.admin.apiTokenRevoke(id));
      expect(revoke.statusCode).toBe(303);
      expect((await f.post(body, { token: revocable })).statusCode).toBe(401);
      expect(await f.counts()).toEqual(before);
      const audit = await f.t.db.query(`select 1 from audit_events where action = 'api_token.revoked' and subject_id = $1`, [id]);
      expect(audit).toHaveLength(1);
      expect((await (await f.visitor('admin')).post(paths.admin.apiTokenRevoke(id))).statusCode).toBe(409);
    });

    it('are refused to everyone but administrators', async () => {
      for (const actor of ['provider', 'link worker', 'coordinator'] as Actor[]) {
        expect((await (await f.visitor(actor)).get(paths.admin.apiTokens)).statusCode).toBe(403);
      }
    });
  });
});
