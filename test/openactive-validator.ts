import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The OpenActive validator's model rules, read from the published data models
 * (../shared/standards/openactive, openactive/data-models 2.x): for every object whose `@type` has a
 * model, its required fields are present, every field is one the model (or the model it derives
 * from) names, fields the model says shall not be included are absent, one of each "required
 * options" group is present, and each value has the type the model gives it (text, integers, URLs,
 * dates, times, durations, arrays, nested models). RPDE pages and items are checked against the
 * FeedPage and FeedItem models. A new models release is a data change.
 */
const repoRoot = path.resolve(import.meta.dirname, '..');
const standards = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR, 'standards') : path.resolve(repoRoot, '../shared/standards');
export const OPENACTIVE_MODELS_DIR = path.join(standards, 'openactive');
export const openActiveModelsPresent = existsSync(path.join(OPENACTIVE_MODELS_DIR, 'SessionSeries.json'));

type Field = { fieldName: string; requiredType?: string; alternativeTypes?: string[]; model?: string; alternativeModels?: string[]; options?: string[] };
type Model = {
  type: string;
  subClassOf?: string;
  requiredFields?: string[];
  inSpec?: string[];
  notInSpec?: string[];
  shallNotInclude?: string[];
  requiredOptions?: { options: string[] }[];
  fields: Record<string, Field>;
};

const cache = new Map<string, Model | null>();
function model(name: string): Model | null {
  if (!cache.has(name)) {
    const file = path.join(OPENACTIVE_MODELS_DIR, `${name}.json`);
    cache.set(name, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Model) : null);
  }
  return cache.get(name)!;
}

/** A model's fields and rules with those of the models it derives from (SessionSeries ← Event). */
function resolved(name: string) {
  const chain: Model[] = [];
  for (let m = model(name); m; m = m.subClassOf ? model(m.subClassOf.replace(/^#/, '')) : null) chain.push(m);
  if (!chain.length) return null;
  const own = chain[0]!;
  const fields: Record<string, Field> = {};
  for (const m of [...chain].reverse()) Object.assign(fields, m.fields);
  const inSpec = new Set(chain.flatMap((m) => m.inSpec ?? Object.keys(m.fields)));
  for (const f of own.notInSpec ?? []) inSpec.delete(f);
  return {
    fields,
    inSpec,
    required: own.requiredFields ?? chain.find((m) => m.requiredFields)?.requiredFields ?? [],
    shallNot: new Set(own.shallNotInclude ?? []),
    requiredOptions: own.requiredOptions ?? [],
  };
}

const ALIASES: Record<string, string> = { '@type': 'type', '@id': 'id' };
const ABSOLUTE_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function checkScalar(value: unknown, type: string): boolean {
  switch (type.replace('https://schema.org/', '').replace('https://openactive.io/', '')) {
    case 'Text':
      return typeof value === 'string';
    case 'Integer':
      return Number.isInteger(value);
    case 'Float':
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'Boolean':
      return typeof value === 'boolean';
    case 'URL':
    case 'url':
      return typeof value === 'string' && ABSOLUTE_URL.test(value);
    case 'Date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'DateTime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
    case 'Time':
      return typeof value === 'string' && /^\d{2}:\d{2}(:\d{2})?$/.test(value);
    case 'Duration':
      return typeof value === 'string' && /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(value);
    case 'DayOfWeek':
    case 'EventStatusType':
    case 'EventAttendanceModeEnumeration':
    case 'GenderRestrictionType':
      return typeof value === 'string' && ABSOLUTE_URL.test(value);
    default:
      return true; // a type the models name but the validator does not check by shape
  }
}

function checkValue(value: unknown, type: string, at: string, errors: string[]): boolean {
  const array = type.startsWith('ArrayOf');
  const inner = type.replace(/^ArrayOf/, '').replace(/^#(?=https?:)/, '');
  if (array) {
    if (!Array.isArray(value)) return false;
    return value.every((v, i) => checkValue(v, inner, `${at}[${i}]`, errors));
  }
  if (inner.startsWith('#')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const expected = inner.slice(1);
    validateObject(value as Record<string, unknown>, at, errors, expected);
    return true;
  }
  return checkScalar(value, inner);
}

function validateObject(obj: Record<string, unknown>, at: string, errors: string[], expected?: string): void {
  const typeName = typeof obj['@type'] === 'string' ? (obj['@type'] as string) : expected;
  if (!typeName) {
    errors.push(`${at}: no @type`);
    return;
  }
  const rules = resolved(typeName);
  if (!rules) return; // a type without a published model here (Offer, Organization, PostalAddress…)
  const present = new Set(Object.keys(obj).map((k) => ALIASES[k] ?? k));
  for (const f of rules.required) if (!present.has(f)) errors.push(`${at} (${typeName}): required field "${f}" is missing`);
  for (const group of rules.requiredOptions)
    if (!group.options.some((o) => present.has(o))) errors.push(`${at} (${typeName}): needs one of ${group.options.join(', ')}`);
  if ('@id' in obj && !(typeof obj['@id'] === 'string' && ABSOLUTE_URL.test(obj['@id']))) errors.push(`${at}.@id (${typeName}): must be an absolute URL`);
  for (const [key, value] of Object.entries(obj)) {
    if (key === '@context') continue;
    const name = ALIASES[key] ?? key;
    if (rules.shallNot.has(name)) errors.push(`${at}.${key} (${typeName}): shall not be included`);
    if (!rules.inSpec.has(name)) errors.push(`${at}.${key} (${typeName}): not a field of the model`);
    const field = rules.fields[name];
    if (!field || name === 'type') continue;
    const types = [field.requiredType, ...(field.alternativeTypes ?? []), field.model, ...(field.alternativeModels ?? [])].filter(Boolean) as string[];
    if (types.length && !types.some((t) => checkValue(value, t, `${at}.${key}`, []))) errors.push(`${at}.${key} (${typeName}): not a ${types.join(' or ')}`);
    else if (types.length) {
      const first = types.find((t) => checkValue(value, t, `${at}.${key}`, []))!;
      checkValue(value, first, `${at}.${key}`, errors);
    }
    if (field.options && typeof value === 'string' && !field.options.includes(value))
      errors.push(`${at}.${key} (${typeName}): "${value}" is not one of its options`);
  }
}

/** Errors in one opportunity (the `data` of an RPDE item): `@context`, then the model rules throughout. */
export function validateOpportunity(data: unknown): string[] {
  const errors: string[] = [];
  if (typeof data !== 'object' || data === null) return ['data is not an object'];
  const obj = data as Record<string, unknown>;
  const context = obj['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  if (contexts[0] !== 'https://openactive.io/') errors.push('@context must start with https://openactive.io/');
  validateObject(obj, 'data', errors);
  return errors;
}

/** Errors in an RPDE page: the FeedPage and FeedItem models, and the spec's rules on deleted items. */
export function validateFeedPage(page: unknown): string[] {
  const errors: string[] = [];
  const feedPage = model('rpde_FeedPage')!;
  const feedItem = model('rpde_FeedItem')!;
  const p = page as Record<string, unknown>;
  for (const f of feedPage.requiredFields ?? []) if (!(f in p)) errors.push(`page: "${f}" is missing`);
  for (const key of Object.keys(p)) if (!(feedPage.inSpec ?? []).includes(key)) errors.push(`page: "${key}" is not in RPDE`);
  if (typeof p.next !== 'string' || !ABSOLUTE_URL.test(p.next)) errors.push('page: next must be an absolute URL');
  if (typeof p.license !== 'string' || !ABSOLUTE_URL.test(p.license)) errors.push('page: license must be a URL');
  if (!Array.isArray(p.items)) return [...errors, 'page: items must be an array'];
  const kinds = feedItem.fields.kind!.options ?? [];
  p.items.forEach((item: Record<string, unknown>, i: number) => {
    for (const f of feedItem.requiredFields ?? []) if (!(f in item)) errors.push(`items[${i}]: "${f}" is missing`);
    for (const key of Object.keys(item)) if (!(feedItem.inSpec ?? []).includes(key)) errors.push(`items[${i}]: "${key}" is not in RPDE`);
    if (!kinds.includes(String(item.kind))) errors.push(`items[${i}]: kind "${item.kind}" is not an RPDE kind`);
    if (!['updated', 'deleted'].includes(String(item.state))) errors.push(`items[${i}]: state must be updated or deleted`);
    if (!Number.isInteger(item.modified)) errors.push(`items[${i}]: modified must be an integer`);
    if (item.state === 'deleted' && 'data' in item) errors.push(`items[${i}]: a deleted item must have no data`);
    if (item.state === 'updated') for (const e of validateOpportunity(item.data)) errors.push(`items[${i}].${e}`);
  });
  return errors;
}
