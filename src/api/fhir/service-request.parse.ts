import { z } from 'zod';
import { isFullPostcode, isOutcode, normalisePhone, normalisePostcode } from '../../domain/contact-details.ts';
import { type FhirIssue, fhirDateTimeStart, fhirSystems, PREFERRED_EXTENSION, type InboundReferral, SNOMED_SYSTEM } from '../../domain/fhir.ts';
import { UUID_PATTERN } from '../../domain/ids.ts';
import type { ContactPreference } from '../../domain/participant.ts';
import { type ReferralTargetRef, SNOMED } from '../../domain/referral.ts';

/**
 * Reads a received ServiceRequest (decision 051): either a Bundle holding one ServiceRequest and the
 * resources it points to (as Waymark sends them), or a ServiceRequest with them `contained`. Only what
 * a draft referral needs is read; everything else is ignored. A problem is an issue naming where it is;
 * nothing reaches the service until every check has passed.
 */
export class FhirRefused extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly issues: FhirIssue[],
  ) {
    super(issues.map((i) => i.message).join('; '));
  }
}

const MAX_ENTRIES = 50;
/** Markup in a name or note: refused rather than stored (it is nobody's name). */
const MARKUP = /<\s*\/?\s*[a-z!?]/i;

const plain = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .refine((v) => !MARKUP.test(v), `${label} must be plain text, without markup`);

type Resource = { resourceType: string; id?: string } & Record<string, unknown>;
const resourceShape = z.looseObject({ resourceType: z.string().max(64), id: z.string().max(64).optional() });

const reference = z.looseObject({ reference: z.string().max(300) });
const codeable = z.looseObject({
  coding: z
    .array(z.looseObject({ system: z.string().max(300).optional(), code: z.string().max(100).optional() }))
    .max(20)
    .optional(),
  text: z.string().max(2000).optional(),
});

const serviceRequestShape = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  identifier: z
    .array(z.looseObject({ system: z.string().min(1).max(300).optional(), value: z.string().min(1).max(200).optional() }))
    .max(10)
    .optional(),
  status: z.string().max(30),
  intent: z.string().max(30),
  code: codeable.optional(),
  subject: reference.optional(),
  performer: z.array(reference).max(10).optional(),
  supportingInfo: z.array(reference).max(20).optional(),
  reasonCode: z.array(codeable).max(10).optional(),
  note: z
    .array(z.looseObject({ text: z.string().max(4000).optional() }))
    .max(10)
    .optional(),
  contained: z.array(resourceShape).max(MAX_ENTRIES).optional(),
});

const patientShape = z.looseObject({
  resourceType: z.literal('Patient'),
  name: z
    .array(
      z.looseObject({
        use: z.string().max(30).optional(),
        text: z.string().max(300).optional(),
        given: z.array(z.string().max(100)).max(5).optional(),
        family: z.string().max(100).optional(),
      }),
    )
    .max(10)
    .optional(),
  telecom: z
    .array(z.looseObject({ system: z.string().max(30).optional(), value: z.string().max(300).optional(), rank: z.number().int().optional() }))
    .max(10)
    .optional(),
  address: z
    .array(
      z.looseObject({
        extension: z
          .array(z.looseObject({ url: z.string().max(300).optional(), valueBoolean: z.unknown().optional() }))
          .max(20)
          .optional(),
        text: z.string().max(500).optional(),
        line: z.array(z.string().max(200)).max(5).optional(),
        postalCode: z.string().max(20).optional(),
      }),
    )
    .max(5)
    .optional(),
});

const consentShape = z.looseObject({
  resourceType: z.literal('Consent'),
  status: z.string().max(30),
  dateTime: z
    .string()
    .max(40)
    .refine(
      (v) => fhirDateTimeStart(v) !== undefined,
      'The Consent’s dateTime must be a FHIR dateTime: a date (YYYY-MM-DD, YYYY-MM or YYYY), or a date and time with seconds and a time zone',
    )
    .optional(),
});

const healthcareServiceShape = z.looseObject({
  resourceType: z.literal('HealthcareService'),
  identifier: z
    .array(z.looseObject({ system: z.string().max(300).optional(), value: z.string().max(200).optional() }))
    .max(10)
    .optional(),
});

const issuesOf = (error: z.ZodError, at: string): FhirIssue[] =>
  error.issues.slice(0, 10).map((i) => ({ expression: [at, ...i.path.map(String)].join('.'), message: i.message }));

function parse<T>(schema: z.ZodType<T>, value: unknown, at: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new FhirRefused(422, issuesOf(r.error, at));
  return r.data;
}

const refuse = (expression: string, message: string): never => {
  throw new FhirRefused(422, [{ expression, message }]);
};

/** Every resource the request can point to, by how it may be referred to. */
function resolverFor(body: Resource): { request: z.infer<typeof serviceRequestShape>; resolve: (ref: string | undefined) => Resource | undefined } {
  const byRef = new Map<string, Resource>();
  const add = (key: string | undefined, r: Resource) => key && byRef.set(key, r);
  if (body.resourceType === 'Bundle') {
    const entries = parse(
      z
        .array(z.looseObject({ fullUrl: z.string().max(300).optional(), resource: resourceShape }))
        .min(1, 'The Bundle has no entries')
        .max(MAX_ENTRIES),
      body.entry,
      'Bundle.entry',
    );
    const requests = entries.filter((e) => e.resource.resourceType === 'ServiceRequest');
    if (requests.length !== 1) refuse('Bundle.entry', 'The Bundle must hold exactly one ServiceRequest');
    for (const e of entries) {
      add(e.fullUrl, e.resource);
      if (e.resource.id) add(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
    }
    return { request: parse(serviceRequestShape, requests[0]!.resource, 'ServiceRequest'), resolve: (r) => (r ? byRef.get(r) : undefined) };
  }
  const request = parse(serviceRequestShape, body, 'ServiceRequest');
  for (const c of request.contained ?? []) if (c.id) add(`#${c.id}`, c);
  return { request, resolve: (r) => (r ? byRef.get(r) : undefined) };
}

function patientName(p: z.infer<typeof patientShape>): string {
  const name = p.name?.find((n) => n.use === 'usual') ?? p.name?.[0];
  const whole = name?.text?.trim() || [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
  if (!whole) refuse('Patient.name', 'The Patient needs a name');
  return parse(plain('The Patient’s name', 100), whole, 'Patient.name');
}

/**
 * How the person prefers to be contacted (decision 051, addendum): the address marked preferred
 * (a letter), else the ContactPoint ranked first (`sms` is a text message), else what there is.
 */
function preferenceOf(c: {
  letterFirst: boolean;
  preferredSystem: string | undefined;
  phone: string | null;
  email: string | null;
  address: string | null;
}): ContactPreference | null {
  if (c.letterFirst && c.address) return 'letter';
  if (c.preferredSystem === 'sms' && c.phone) return 'text';
  if (c.preferredSystem === 'email' && c.email) return 'email';
  if (c.phone) return 'phone';
  if (c.email) return 'email';
  if (c.address) return 'letter';
  return null;
}

function contactOf(p: z.infer<typeof patientShape>): InboundReferral['contact'] {
  const preferredName = patientName(p);
  const telecom = p.telecom ?? [];
  const typedPhone = telecom.find((t) => t.system === 'phone' || t.system === 'sms')?.value?.trim() ?? '';
  const phone = typedPhone ? normalisePhone(typedPhone) : null;
  if (typedPhone && !phone) refuse('Patient.telecom', 'The Patient’s phone number is not a UK phone number');
  const email = telecom.find((t) => t.system === 'email')?.value?.trim() || null;
  if (email && !z.email().safeParse(email).success) refuse('Patient.telecom', 'The Patient’s email address is not in the correct format');
  const a = p.address?.[0];
  const addressText = a ? a.text?.trim() || (a.line ?? []).join(', ').trim() : '';
  const address = addressText ? parse(plain('The Patient’s address', 300), addressText, 'Patient.address') : null;
  const typedPostcode = a?.postalCode?.trim() ?? '';
  const postcode = typedPostcode ? normalisePostcode(typedPostcode) : null;
  if (postcode && !isFullPostcode(postcode) && !isOutcode(postcode)) refuse('Patient.address.postalCode', 'The Patient’s postcode is not a UK postcode');
  const preferred = [...telecom].sort((x, y) => (x.rank ?? 99) - (y.rank ?? 99))[0];
  const letterFirst = !!a?.extension?.some((e) => e.url === PREFERRED_EXTENSION && e.valueBoolean === true) && preferred?.rank !== 1;
  const contactPreference = preferenceOf({ letterFirst, preferredSystem: preferred?.system, phone, email, address });
  if (!contactPreference) refuse('Patient.telecom', 'The Patient needs a phone number, an email address or a postal address, so a link worker can reach them');
  return { preferredName, contactPreference: contactPreference!, phone, email, address, postcode };
}

/**
 * What the person is referred to: a HealthcareService carrying a Waymark activity identifier or a
 * buddy scheme identifier (as our own download names them).
 */
function targetOf(performers: Resource[], baseUrl: string): ReferralTargetRef {
  const systems = fhirSystems(baseUrl);
  for (const r of performers) {
    if (r.resourceType !== 'HealthcareService') continue;
    for (const i of parse(healthcareServiceShape, r, 'HealthcareService').identifier ?? []) {
      if (!i.value || !UUID_PATTERN.test(i.value)) continue;
      if (i.system === systems.activity) return { activityId: i.value.toLowerCase() };
      if (i.system === systems.buddyScheme) return { buddySchemeId: i.value.toLowerCase() };
    }
  }
  return refuse(
    'ServiceRequest.performer',
    `The performer must be a HealthcareService with an identifier in ${systems.activity} (a Waymark activity) or ${systems.buddyScheme} (a buddy scheme)`,
  );
}

/** Reads a received body (already JSON) into a referral for the service, or refuses it with every reason found. */
export function readServiceRequest(json: unknown, baseUrl: string): InboundReferral {
  const body = resourceShape.safeParse(json);
  if (!body.success) throw new FhirRefused(400, [{ expression: '', message: 'The body must be a FHIR resource: a JSON object with a resourceType' }]);
  if (body.data.resourceType !== 'ServiceRequest' && body.data.resourceType !== 'Bundle') {
    refuse('resourceType', 'Send a ServiceRequest, or a Bundle holding one');
  }
  const { request, resolve } = resolverFor(body.data);
  const identifier = request.identifier?.find((i) => i.system && i.value);
  if (!identifier?.system || !identifier.value) refuse('ServiceRequest.identifier', 'The ServiceRequest needs an identifier with a system and a value');
  if (!['draft', 'active'].includes(request.status)) refuse('ServiceRequest.status', 'Only a draft or active ServiceRequest can be received');
  if (!['proposal', 'plan', 'order', 'original-order'].includes(request.intent)) refuse('ServiceRequest.intent', 'The intent must be proposal, plan or order');
  if (!request.code?.coding?.some((c) => c.system === SNOMED_SYSTEM && c.code === SNOMED.referral.code)) {
    refuse('ServiceRequest.code', `The code must be SNOMED CT ${SNOMED.referral.code} |${SNOMED.referral.term}|`);
  }
  const subject = resolve(request.subject?.reference);
  if (subject?.resourceType !== 'Patient') refuse('ServiceRequest.subject', 'The subject must be a Patient sent with the request');
  const contact = contactOf(parse(patientShape, subject, 'Patient'));
  const target = targetOf(
    (request.performer ?? []).map((p) => resolve(p.reference)).filter((r): r is Resource => !!r),
    baseUrl,
  );
  const consents = (request.supportingInfo ?? [])
    .map((s) => resolve(s.reference))
    .filter((r): r is Resource => r?.resourceType === 'Consent')
    .map((r) => parse(consentShape, r, 'Consent'));
  const consent = consents.find((c) => c.status === 'active' && c.dateTime);
  if (!consent) {
    refuse(
      'ServiceRequest.supportingInfo',
      'The person’s consent to being referred must be sent: an active Consent with its dateTime, referred to from supportingInfo',
    );
  }
  const supportNeeds = parse(
    plain('Support needs (reasonCode)', 1000),
    (request.reasonCode ?? []).map((r) => r.text ?? '').join('\n'),
    'ServiceRequest.reasonCode',
  );
  const message = parse(plain('The note', 2000), (request.note ?? []).map((n) => n.text ?? '').join('\n'), 'ServiceRequest.note');
  return {
    identifier: { system: identifier!.system!, value: identifier!.value! },
    target,
    contact,
    supportNeeds,
    message,
    consentGivenAt: fhirDateTimeStart(consent!.dateTime!)!,
  };
}
