import { formatPhone, normalisePhone } from './contact-details.ts';
import type { ActivityContent } from './directory.ts';
import {
  ACCESS_FEATURES,
  ACTIVITY_TYPES,
  COST_TYPES,
  LANGUAGES,
  labelOf,
  MONTHS,
  NEEDS,
  REFERRAL_ROUTES,
  SAFEGUARDING,
  SUPPORT,
  TERRAINS,
  type Term,
} from './vocabulary.ts';

/** How each piece of activity content is labelled and compared, in the order a reviewer reads it. */
type FieldSpec =
  | { field: keyof ActivityContent; label: string; kind: 'text' | 'number' | 'place' | 'pence' | 'metres' | 'phone' }
  | { field: keyof ActivityContent; label: string; kind: 'term'; vocab: readonly Term[] }
  | { field: keyof ActivityContent; label: string; kind: 'list'; vocab: readonly Term[] };

export const CONTENT_FIELDS: readonly FieldSpec[] = [
  { field: 'placeId', label: 'Place', kind: 'place' },
  { field: 'title', label: 'Title', kind: 'text' },
  { field: 'summary', label: 'Summary', kind: 'text' },
  { field: 'description', label: 'Description', kind: 'text' },
  { field: 'activityTypes', label: 'Activity types', kind: 'list', vocab: ACTIVITY_TYPES },
  { field: 'needs', label: 'Who it suits', kind: 'list', vocab: NEEDS },
  { field: 'ageMin', label: 'Minimum age', kind: 'number' },
  { field: 'ageMax', label: 'Maximum age', kind: 'number' },
  { field: 'groupSizeMax', label: 'Group size', kind: 'number' },
  { field: 'eligibility', label: 'Who can join', kind: 'text' },
  { field: 'firstVisit', label: 'What to expect on a first visit', kind: 'text' },
  { field: 'costType', label: 'Cost', kind: 'term', vocab: COST_TYPES },
  { field: 'pricePence', label: 'Price', kind: 'pence' },
  { field: 'costNote', label: 'Cost note', kind: 'text' },
  { field: 'fundedPlaces', label: 'Funded places', kind: 'number' },
  { field: 'access', label: 'Access', kind: 'list', vocab: ACCESS_FEATURES },
  { field: 'distanceWalkedM', label: 'Distance walked', kind: 'metres' },
  { field: 'terrain', label: 'Terrain', kind: 'term', vocab: TERRAINS },
  { field: 'support', label: 'Support', kind: 'list', vocab: SUPPORT },
  { field: 'referralRoutes', label: 'Ways to join', kind: 'list', vocab: REFERRAL_ROUTES },
  { field: 'languages', label: 'Languages', kind: 'list', vocab: LANGUAGES },
  { field: 'safeguarding', label: 'Safeguarding', kind: 'list', vocab: SAFEGUARDING },
  { field: 'months', label: 'Months it runs', kind: 'list', vocab: MONTHS },
  { field: 'capacity', label: 'Places per session', kind: 'number' },
  { field: 'howToJoin', label: 'How to join', kind: 'text' },
  { field: 'contactName', label: 'Contact name', kind: 'text' },
  { field: 'contactEmail', label: 'Contact email', kind: 'text' },
  { field: 'contactPhone', label: 'Contact phone', kind: 'phone' },
];

export type FieldChange =
  | { field: string; label: string; kind: 'value'; before: string; after: string }
  | { field: string; label: string; kind: 'list'; added: string[]; removed: string[] };

const NOT_GIVEN = 'Not given';

function display(spec: FieldSpec, value: unknown, placeNames: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined || value === '') return NOT_GIVEN;
  switch (spec.kind) {
    case 'place':
      return placeNames[String(value)] ?? 'Another place';
    case 'pence': {
      const p = Number(value);
      return `£${(p / 100).toFixed(p % 100 === 0 ? 0 : 2)}`;
    }
    case 'metres':
      return `${Number(value).toLocaleString('en-GB')} metres`;
    case 'term':
      return labelOf(spec.vocab, String(value));
    case 'phone':
      return formatPhone(String(value));
    default:
      return String(value);
  }
}

/** Only the fields that differ: values as old → new, lists as added and removed items, all labelled. */
export function diffContent(before: ActivityContent, after: ActivityContent, placeNames: Readonly<Record<string, string>> = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const spec of CONTENT_FIELDS) {
    const a = before[spec.field];
    const b = after[spec.field];
    if (spec.kind === 'list') {
      const was = ((a as (string | number)[] | undefined) ?? []).map(String);
      const now = ((b as (string | number)[] | undefined) ?? []).map(String);
      const added = now.filter((c) => !was.includes(c)).map((c) => labelOf(spec.vocab, c));
      const removed = was.filter((c) => !now.includes(c)).map((c) => labelOf(spec.vocab, c));
      if (added.length || removed.length) changes.push({ field: spec.field, label: spec.label, kind: 'list', added, removed });
      continue;
    }
    // A phone number stored before decision 023 differs from today's only in form, which is no change.
    const norm = (v: unknown) => (v === undefined || v === '' ? null : spec.kind === 'phone' && typeof v === 'string' ? (normalisePhone(v) ?? v) : v);
    if (norm(a) === norm(b)) continue;
    changes.push({ field: spec.field, label: spec.label, kind: 'value', before: display(spec, a, placeNames), after: display(spec, b, placeNames) });
  }
  return changes;
}

/** For the version history: "Title, Cost and Months it runs changed". */
export function summariseChanges(changes: readonly FieldChange[]): string {
  if (changes.length === 0) return 'No content changes';
  const labels = changes.map((c) => c.label);
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return `${list} changed`;
}

/** Picks exactly the content fields out of a larger object (an Activity row, a stored snapshot). */
export function contentOf(source: ActivityContent): ActivityContent {
  const out: Record<string, unknown> = {};
  for (const spec of CONTENT_FIELDS) out[spec.field] = source[spec.field];
  return out as ActivityContent;
}

/** Every content field as a labelled, readable value: for reviewing a listing in full. */
export function describeContent(c: ActivityContent, placeNames: Readonly<Record<string, string>> = {}): { label: string; value: string }[] {
  return CONTENT_FIELDS.map((spec) => {
    const v = c[spec.field];
    if (spec.kind === 'list') {
      const labels = (v as (string | number)[]).map((code) => labelOf(spec.vocab, String(code)));
      return { label: spec.label, value: labels.length ? labels.join(', ') : NOT_GIVEN };
    }
    return { label: spec.label, value: display(spec, v, placeNames) };
  });
}
