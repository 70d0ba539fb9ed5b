import { createHash } from 'node:crypto';
import { isCalendarDate } from './calendar-date.ts';
import type { ContactPreference } from './participant.ts';
import { type ReferralStatus, type ReferralTargetRef, SNOMED } from './referral.ts';
import { londonInstant } from './schedule.ts';

/**
 * A referral as FHIR R4 (issue 13, decision 051): a Bundle of type `collection` holding the
 * ServiceRequest and the resources it points to, each once, by `urn:uuid:` full URLs. Pure: the
 * service gathers the facts (and has already checked who may see them).
 */

/** FHIR's request status, from the referral's state machine. */
export const FHIR_REQUEST_STATUS: Record<ReferralStatus, 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed'> = {
  draft: 'draft',
  sent: 'active',
  accepted: 'active',
  first_visit_planned: 'active',
  attending: 'active',
  waiting_list: 'on-hold',
  completed: 'completed',
  declined: 'revoked',
  stopped: 'revoked',
  withdrawn: 'revoked',
};

export const FHIR_MEDIA_TYPE = 'application/fhir+json';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/** Identifier systems under Waymark's own address: one per kind of record. */
export function fhirSystems(baseUrl: string) {
  const root = `${baseUrl.replace(/\/+$/, '')}/fhir/id`;
  return {
    referral: `${root}/referral`,
    person: `${root}/person`,
    user: `${root}/user`,
    organisation: `${root}/organisation`,
    activity: `${root}/activity`,
    buddyScheme: `${root}/buddy-scheme`,
  } as const;
}

/** Everything one referral's Bundle says: only what the referral already shares with the provider. */
export type FhirReferralFacts = {
  baseUrl: string;
  /** When the Bundle was made (the clock). */
  at: Date;
  referral: { id: string; status: ReferralStatus; authoredOn: Date; supportNeeds: string; message: string };
  patient: { id: string; preferredName: string; contactPreference: ContactPreference; phone: string | null; email: string | null; address: string | null };
  requester: { practitioner: { id: string; name: string } | null; organisation: { id: string; name: string } | null };
  performer: { kind: 'activity' | 'buddy_scheme'; id: string; name: string; provider: { id: string; name: string } };
  /** The person's consent to being referred, while it stands. */
  consent: { id: string; givenAt: Date } | null;
};

type Resource = { resourceType: string; id: string } & Record<string, unknown>;
export type FhirBundle = {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Resource }[];
};

const ref = (id: string) => ({ reference: `urn:uuid:${id}` });

/** A name-based UUID (version 5 layout) for a resource Waymark has no row for: the link worker in their organisation. */
function derivedUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('|')).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const roleId = (practitionerId: string, organisationId: string) => derivedUuid('PractitionerRole', practitionerId, organisationId);

/** The core R4 extension marking an address (or contact point) as the preferred one: how a letter preference is said. */
export const PREFERRED_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/iso21090-preferred';

/**
 * The person's ways to be reached, the preferred one first: `rank: 1` on the ContactPoint they
 * prefer (a text message is an `sms` ContactPoint, beside the same number as `phone`), or the
 * address marked preferred when they prefer a letter.
 */
function patient(f: FhirReferralFacts): Resource {
  const p = f.patient;
  const first = (preference: ContactPreference) => (p.contactPreference === preference ? { rank: 1 } : {});
  const telecom = [
    ...(p.phone && p.contactPreference === 'text' ? [{ system: 'sms', value: p.phone, rank: 1 }] : []),
    ...(p.phone ? [{ system: 'phone', value: p.phone, ...first('phone') }] : []),
    ...(p.email ? [{ system: 'email', value: p.email, ...first('email') }] : []),
  ];
  const preferredAddress = p.contactPreference === 'letter' ? { extension: [{ url: PREFERRED_EXTENSION, valueBoolean: true }] } : {};
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ system: fhirSystems(f.baseUrl).person, value: p.id }],
    name: [{ use: 'usual', text: p.preferredName }],
    ...(telecom.length ? { telecom } : {}),
    ...(p.address ? { address: [{ ...preferredAddress, use: 'home', text: p.address }] } : {}),
  };
}

function organisation(f: FhirReferralFacts, o: { id: string; name: string }): Resource {
  return { resourceType: 'Organization', id: o.id, identifier: [{ system: fhirSystems(f.baseUrl).organisation, value: o.id }], name: o.name };
}

function requester(f: FhirReferralFacts): Resource[] {
  const { practitioner, organisation: org } = f.requester;
  const out: Resource[] = [];
  if (practitioner) {
    out.push({
      resourceType: 'Practitioner',
      id: practitioner.id,
      identifier: [{ system: fhirSystems(f.baseUrl).user, value: practitioner.id }],
      name: [{ text: practitioner.name }],
    });
  }
  if (org) out.push(organisation(f, org));
  if (practitioner && org) {
    out.push({ resourceType: 'PractitionerRole', id: roleId(practitioner.id, org.id), practitioner: ref(practitioner.id), organization: ref(org.id) });
  }
  return out;
}

/** Who asks: the link worker in their organisation, or one of the two alone; nobody for a self-referral. */
function requesterReference(f: FhirReferralFacts) {
  const { practitioner, organisation: org } = f.requester;
  if (practitioner && org) return ref(roleId(practitioner.id, org.id));
  if (practitioner) return ref(practitioner.id);
  if (org) return ref(org.id);
  return null;
}

function consent(f: FhirReferralFacts, c: { id: string; givenAt: Date }): Resource {
  return {
    resourceType: 'Consent',
    id: c.id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: ref(f.patient.id),
    dateTime: c.givenAt.toISOString(),
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }], text: 'Consent to being referred' },
  };
}

export function toFhirBundle(f: FhirReferralFacts): FhirBundle {
  const s = fhirSystems(f.baseUrl);
  const r = f.referral;
  const performer: Resource = {
    resourceType: 'HealthcareService',
    id: f.performer.id,
    identifier: [{ system: f.performer.kind === 'activity' ? s.activity : s.buddyScheme, value: f.performer.id }],
    providedBy: ref(f.performer.provider.id),
    name: f.performer.name,
  };
  const by = requesterReference(f);
  const serviceRequest: Resource = {
    resourceType: 'ServiceRequest',
    id: r.id,
    identifier: [{ system: s.referral, value: r.id }],
    status: FHIR_REQUEST_STATUS[r.status],
    intent: 'order',
    category: [{ coding: [{ system: SNOMED_SYSTEM, code: '306206005', display: 'Referral to service' }] }],
    code: { coding: [{ system: SNOMED_SYSTEM, code: SNOMED.referral.code, display: SNOMED.referral.term }], text: SNOMED.referral.term },
    subject: ref(f.patient.id),
    authoredOn: r.authoredOn.toISOString(),
    ...(by ? { requester: by } : {}),
    performer: [ref(f.performer.id)],
    ...(r.supportNeeds ? { reasonCode: [{ text: r.supportNeeds }] } : {}),
    ...(f.consent ? { supportingInfo: [ref(f.consent.id)] } : {}),
    ...(r.message ? { note: [{ text: r.message }] } : {}),
  };
  const resources = [
    serviceRequest,
    patient(f),
    ...requester(f),
    performer,
    organisation(f, f.performer.provider),
    ...(f.consent ? [consent(f, f.consent)] : []),
  ];
  const seen = new Set<string>();
  const entry = resources.filter((res) => !seen.has(res.id) && seen.add(res.id)).map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }));
  return { resourceType: 'Bundle', type: 'collection', timestamp: f.at.toISOString(), entry };
}

/** A ServiceRequest on its own, as a FHIR read answers (`GET [base]/ServiceRequest/[id]`). */
export type FhirServiceRequest = Resource & { resourceType: 'ServiceRequest'; contained: Resource[] };

/**
 * The referral as one ServiceRequest, what it refers to carried as contained resources (`#id`
 * references): a FHIR read returns the resource itself, not a Bundle. Built from the same resources
 * as `toFhirBundle`, so the two never differ in what they say.
 */
export function toFhirServiceRequest(f: FhirReferralFacts): FhirServiceRequest {
  const [first, ...rest] = toFhirBundle(f).entry.map((e) => e.resource);
  const local = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(local);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, v]) => [key, key === 'reference' && typeof v === 'string' ? v.replace(/^urn:uuid:/, '#') : local(v)]),
      );
    }
    return value;
  };
  return { ...(local(first) as Resource), resourceType: 'ServiceRequest', contained: rest.map((r) => local(r) as Resource) };
}

/** A referral received as a FHIR ServiceRequest, after the edge has read and checked it. */
export type InboundReferral = {
  /** The sender's identifier for the request: a resend with the same one creates nothing new. */
  identifier: { system: string; value: string };
  /** The activity, or the buddy scheme, the person is referred to. */
  target: ReferralTargetRef;
  contact: {
    preferredName: string;
    contactPreference: ContactPreference;
    phone: string | null;
    email: string | null;
    address: string | null;
    postcode: string | null;
  };
  supportNeeds: string;
  message: string;
  /** When the person agreed to be referred, as the sending system asserts it (a Consent resource). */
  consentGivenAt: Date;
};

/** One problem with a received resource, where it is (a FHIRPath-like expression) and what is wrong, in words. */
export type FhirIssue = { expression: string; message: string };

/** FHIR R4's `dateTime`: a year, a month, a day, or a day and a time with seconds and a time zone. */
const FHIR_DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

/**
 * When a FHIR `dateTime` begins, or undefined when it is not one (decision 051, addendum): a partial
 * date is the first moment of its year, month or day on London's clocks; a date and time is itself.
 * Days that do not exist (30 February) are refused, as everywhere else.
 */
export function fhirDateTimeStart(value: string): Date | undefined {
  const m = FHIR_DATE_TIME.exec(value);
  if (!m) return undefined;
  const day = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
  if (!isCalendarDate(day)) return undefined;
  if (!value.includes('T')) return londonInstant(day, '00:00');
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : new Date(instant);
}
