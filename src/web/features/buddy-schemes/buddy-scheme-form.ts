import { BUDDY_SUPPORT, type BuddyScheme } from '../../../domain/buddy-scheme.ts';
import { LANGUAGES, labelsOf, type Term } from '../../../domain/vocabulary.ts';
import { asArray } from '../../forms.ts';
import { paths } from '../../paths.ts';

/** The buddy scheme form's values, kept as typed, and the view-models of its pages. */
export type BuddySchemeFormValues = {
  name: string;
  organisationId: string;
  description: string;
  areas: string;
  support: string[];
  languages: string[];
};

const textOf = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v.at(-1) ?? '') : '');

export function valuesFromBody(body: unknown): BuddySchemeFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    name: textOf(b.name),
    organisationId: textOf(b.organisationId),
    description: textOf(b.description),
    areas: textOf(b.areas),
    support: asArray(b.support),
    languages: asArray(b.languages),
  };
}

export const valuesFromScheme = (b: BuddyScheme): BuddySchemeFormValues => ({
  name: b.name,
  organisationId: b.organisationId,
  description: b.description,
  areas: b.areas,
  support: b.support,
  languages: b.languages,
});

/** Most buddy schemes work in English; the coordinator adds others. */
export const NEW_VALUES: BuddySchemeFormValues = { ...valuesFromBody({}), languages: ['en'] };

const items = (list: readonly Term[]) => list.map((t) => ({ value: t.code, text: t.label }));
export const OPTIONS = { support: items(BUDDY_SUPPORT), languages: items(LANGUAGES) };

/** Radios read best for a short list of organisations; a long list becomes a select. */
const RADIOS_UP_TO = 8;

export function organisationField(choices: { id: string; name: string }[], selected: string) {
  return {
    asRadios: choices.length <= RADIOS_UP_TO,
    radios: choices.map((o) => ({ value: o.id, text: o.name })),
    options: [
      { value: '', text: 'Choose an organisation', selected: !selected },
      ...choices.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
    ],
    empty: choices.length === 0,
  };
}

/** One row of the coordinator's list. */
export function listItem(b: BuddyScheme) {
  return {
    id: b.id,
    name: b.name,
    description: b.description,
    active: b.active,
    rows: [
      { key: { text: 'Run by' }, value: { text: b.organisationName } },
      { key: { text: 'Where' }, value: { text: b.areas } },
      { key: { text: 'What the buddies offer' }, value: { text: labelsOf(BUDDY_SUPPORT, b.support).join(', ') } },
      { key: { text: 'Languages' }, value: { text: labelsOf(LANGUAGES, b.languages).join(', ') } },
    ],
    editHref: paths.buddySchemes.edit(b.id),
    loneWorkingHref: paths.buddySchemes.loneWorking(b.id),
    activeAction: paths.buddySchemes.active(b.id),
  };
}
