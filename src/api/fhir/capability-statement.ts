import { FHIR_MEDIA_TYPE, fhirSystems, SNOMED_SYSTEM } from '../../domain/fhir.ts';
import { SNOMED } from '../../domain/referral.ts';
import { paths } from '../../web/paths.ts';

/** When what the API does last changed: the CapabilityStatement's `date` (not the clock's). */
const CHANGED = '2026-12-07';

/**
 * What this FHIR endpoint does, for a referring system to read before it sends (decision 051,
 * addendum): `GET /api/fhir/metadata`, public like every FHIR server's. An instance statement
 * (this server at its address), FHIR 4.0.1, JSON only. It says in words what the SNOMED CT code,
 * the consent and the performer must be, and how to send the API token.
 */
export function capabilityStatement(baseUrl: string, limits: { bodyBytes: number; perMinute: number }) {
  const systems = fhirSystems(baseUrl);
  const code = `SNOMED CT ${SNOMED.referral.code} |${SNOMED.referral.term}| (${SNOMED_SYSTEM})`;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: CHANGED,
    publisher: 'Waymark',
    kind: 'instance',
    name: 'WaymarkReferrals',
    title: 'Waymark: referrals from other systems',
    description:
      'Systems that send referrals (a GP practice’s clinical system, a social prescribing team’s) post a ServiceRequest; it becomes a draft referral that a link worker of the scheme checks with the person before it is sent to the heritage provider.',
    software: { name: 'Waymark' },
    implementation: { description: 'Waymark FHIR R4 API for referrals', url: `${baseUrl}${paths.fhirApi.root}` },
    fhirVersion: '4.0.1',
    format: [FHIR_MEDIA_TYPE, 'json'],
    rest: [
      {
        mode: 'server',
        documentation: `Errors are OperationOutcomes: 400 for a body that is not a JSON resource, 401 without a valid token, 413 over ${limits.bodyBytes / 1024} KB, 415 for another media type, 422 for a resource that breaks the rules below, 429 over ${limits.perMinute} requests a minute.`,
        security: {
          cors: false,
          service: [{ text: 'Bearer token' }],
          description:
            'Send `Authorization: Bearer wm_…` with a token a Waymark administrator issued to your organisation (a referring organisation). Tokens can be revoked; only their hash is kept. This statement needs no token.',
        },
        resource: [
          {
            type: 'ServiceRequest',
            documentation: [
              'Post a ServiceRequest, or a Bundle holding exactly one ServiceRequest and the resources it refers to (or send them `contained`).',
              'Required: an identifier with a system and a value (a resend of the same identifier creates nothing and answers 200 with the first referral’s Location);',
              `status draft or active; intent order (or proposal, plan); code ${code};`,
              'subject: a Patient with a name and a phone number, an email address or a postal address (the ContactPoint ranked 1 is the preferred one, sms for a text message; an address with the iso21090-preferred extension for a letter);',
              `performer: a HealthcareService with an identifier in ${systems.activity} (a Waymark activity that takes referrals from link workers) or ${systems.buddyScheme} (an active buddy scheme);`,
              'consent: an active Consent with its dateTime (a date is enough), referred to from supportingInfo, saying the person agreed to be referred. Without it the request is refused (422).',
              'Names, notes and addresses must be plain text. Other elements are ignored.',
            ].join(' '),
            interaction: [
              {
                code: 'create',
                documentation: 'Answers 201 with an OperationOutcome and the Location of the referral made (a draft waiting for a link worker).',
              },
              {
                code: 'read',
                documentation:
                  'Only a ServiceRequest your organisation sent, to follow its status; what it refers to (the Patient, the HealthcareService, the Consent) is contained in it.',
              },
            ],
            versioning: 'no-version',
            readHistory: false,
            updateCreate: false,
            conditionalCreate: false,
            conditionalUpdate: false,
            conditionalDelete: 'not-supported',
            referencePolicy: ['literal', 'local'],
          },
        ],
      },
    ],
  };
}
