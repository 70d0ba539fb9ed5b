import { formatPhone } from '../../../domain/contact-details.ts';
import type { ActivityContent, Place } from '../../../domain/directory.ts';
import {
  ACCESS_FEATURES,
  ACTIVITY_TYPES,
  codesOf,
  COST_TYPES,
  LANGUAGES,
  MONTHS,
  NEEDS,
  REFERRAL_ROUTES,
  SAFEGUARDING,
  SUPPORT,
  TERRAINS,
  type Term,
} from '../../../domain/vocabulary.ts';
import { asArray } from '../../forms.ts';

/** The activity form's values (strings and ticked codes) and the options it offers. */
export type ActivityFormValues = Record<string, string | string[]>;

const LISTS = ['activityTypes', 'needs', 'access', 'support', 'referralRoutes', 'languages', 'safeguarding', 'months'] as const;
const TEXTS = [
  'placeId',
  'title',
  'summary',
  'description',
  'ageMin',
  'ageMax',
  'groupSizeMax',
  'eligibility',
  'firstVisit',
  'costType',
  'pricePounds',
  'costNote',
  'fundedPlaces',
  'distanceWalkedM',
  'terrain',
  'capacity',
  'howToJoin',
  'contactName',
  'contactEmail',
  'contactPhone',
] as const;

/** What the provider typed, kept as typed, for re-showing an invalid form. */
export function valuesFromBody(body: unknown): ActivityFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: ActivityFormValues = {};
  for (const f of TEXTS) values[f] = b[f] == null ? '' : String(b[f]);
  for (const f of LISTS) values[f] = asArray(b[f]);
  return values;
}

export function valuesFromContent(c: ActivityContent): ActivityFormValues {
  const num = (n: number | null) => (n == null ? '' : String(n));
  return {
    placeId: c.placeId,
    title: c.title,
    summary: c.summary,
    description: c.description,
    ageMin: num(c.ageMin),
    ageMax: num(c.ageMax),
    groupSizeMax: num(c.groupSizeMax),
    eligibility: c.eligibility,
    firstVisit: c.firstVisit,
    costType: c.costType,
    pricePounds: c.pricePence == null ? '' : (c.pricePence / 100).toFixed(2),
    costNote: c.costNote,
    fundedPlaces: num(c.fundedPlaces),
    distanceWalkedM: num(c.distanceWalkedM),
    terrain: c.terrain ?? '',
    capacity: num(c.capacity),
    howToJoin: c.howToJoin,
    contactName: c.contactName ?? '',
    contactEmail: c.contactEmail ?? '',
    contactPhone: c.contactPhone ? formatPhone(c.contactPhone) : '',
    activityTypes: c.activityTypes,
    needs: c.needs,
    access: c.access,
    support: c.support,
    referralRoutes: c.referralRoutes,
    languages: c.languages,
    safeguarding: c.safeguarding,
    months: c.months.map(String),
  };
}

/** A new activity runs all year, in English, and is free until the provider says otherwise. */
export const NEW_ACTIVITY_VALUES: ActivityFormValues = {
  ...valuesFromBody({}),
  costType: 'free',
  languages: ['en'],
  months: codesOf(MONTHS),
  referralRoutes: ['link_worker'],
};

const items = (list: readonly Term[]) => list.map((t) => ({ value: t.code, text: t.label, hint: t.hint ? { text: t.hint } : undefined }));

export const ACTIVITY_OPTIONS = {
  activityTypes: items(ACTIVITY_TYPES),
  needs: items(NEEDS),
  access: items(ACCESS_FEATURES),
  support: items(SUPPORT),
  referralRoutes: items(REFERRAL_ROUTES),
  languages: items(LANGUAGES),
  safeguarding: items(SAFEGUARDING),
  months: items(MONTHS),
  costTypes: items(COST_TYPES),
  terrains: [{ value: '', text: 'Not given' }, ...items(TERRAINS)],
};

export function placeItems(places: readonly Place[], selected: string | string[] | undefined) {
  return [
    { value: '', text: 'Choose a place', selected: !selected },
    ...places.map((p) => ({ value: p.id, text: `${p.name}, ${p.town}`, selected: p.id === selected })),
  ];
}
