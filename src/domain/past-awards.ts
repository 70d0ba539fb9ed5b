/**
 * Past awards from 360Giving (the open grants standard; https://standard.threesixtygiving.org): one
 * grant from a JSON grant object or a CSV row with the standard's column titles, or why not.
 */
export type PastAward = {
  identifier: string;
  title: string;
  description: string;
  amountAwarded: number;
  currency: string;
  awardDate: string;
  recipientName: string;
  recipientId: string | null;
  funderName: string;
  funderId: string | null;
  locationNames: string[];
  locationCodes: string[];
};

type Json = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const first = (v: unknown): Json => (Array.isArray(v) ? ((v[0] as Json) ?? {}) : v && typeof v === 'object' ? (v as Json) : {});
const all = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : v && typeof v === 'object' ? [v as Json] : []);

function finish(
  raw: Omit<PastAward, 'amountAwarded' | 'awardDate'> & { amount: string; date: string },
): { ok: true; award: PastAward } | { ok: false; problem: string } {
  if (!raw.identifier) return { ok: false, problem: 'no Identifier' };
  const amount = Number(raw.amount.replace(/[£,\s]/g, ''));
  if (!raw.amount || !Number.isFinite(amount) || amount < 0) return { ok: false, problem: `${raw.identifier}: Amount Awarded is not a number` };
  const date = raw.date.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    return { ok: false, problem: `${raw.identifier}: Award Date is not a date (YYYY-MM-DD)` };
  if (!raw.recipientName || !raw.funderName) return { ok: false, problem: `${raw.identifier}: no recipient or funding organisation name` };
  const { amount: _a, date: _d, ...rest } = raw;
  return { ok: true, award: { ...rest, title: rest.title || '(untitled grant)', currency: rest.currency || 'GBP', amountAwarded: amount, awardDate: date } };
}

/** A grant in 360Giving JSON (`{"grants": [ … ]}`). */
export function awardFromJson(g: Json) {
  const recipient = first(g.recipientOrganization);
  const funder = first(g.fundingOrganization);
  const locations = all(g.beneficiaryLocation);
  return finish({
    identifier: s(g.id),
    title: s(g.title),
    description: s(g.description),
    amount: s(g.amountAwarded),
    currency: s(g.currency),
    date: s(g.awardDate),
    recipientName: s(recipient.name),
    recipientId: s(recipient.id) || null,
    funderName: s(funder.name),
    funderId: s(funder.id) || null,
    locationNames: locations.map((l) => s(l.name)).filter(Boolean),
    locationCodes: locations.map((l) => s(l.geoCode)).filter(Boolean),
  });
}

/** A grant in 360Giving CSV: columns found by the standard's titles (any order; numbered repeats like "Beneficiary Location:0:Name" too). */
export function awardFromCsv(header: readonly string[], cells: readonly string[]) {
  const get = (title: string) => {
    const i = header.findIndex((h) => h.trim().toLowerCase() === title.toLowerCase());
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
  const many = (pattern: RegExp) => header.flatMap((h, i) => (pattern.test(h.trim()) && (cells[i] ?? '').trim() ? [(cells[i] ?? '').trim()] : []));
  return finish({
    identifier: get('Identifier'),
    title: get('Title'),
    description: get('Description'),
    amount: get('Amount Awarded'),
    currency: get('Currency'),
    date: get('Award Date'),
    recipientName: get('Recipient Org:Name'),
    recipientId: get('Recipient Org:Identifier') || null,
    funderName: get('Funding Org:Name'),
    funderId: get('Funding Org:Identifier') || null,
    locationNames: many(/^Beneficiary Location:(\d+:)?Name$/i),
    locationCodes: many(/^Beneficiary Location:(\d+:)?Geographic Code$/i),
  });
}

/** Words that make a grant "heritage or wellbeing work" for the /funding context list. */
export const HERITAGE_WELLBEING_WORDS = [
  'heritage',
  'museum',
  'history',
  'historic',
  'archive',
  'archaeolog',
  'wellbeing',
  'well-being',
  'mental health',
  'loneliness',
  'memory',
  'dementia',
  'castle',
  'church',
];
