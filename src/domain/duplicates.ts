/**
 * Likely duplicates in the directory (issue 12, docs/decisions/047): organisations, places and
 * activities entered twice. Pure scoring rules: each pair gets a score in [0, 2] and the reasons in
 * words a coordinator reads; a pair at or above its kind's threshold is shown as "possible duplicate".
 * The thresholds were chosen on the labelled set in test/fixtures/duplicates-labelled.json
 * (precision and recall in docs/benchmarks.md).
 */

export type DuplicateKind = 'organisation' | 'place' | 'activity';

export type Position = { easting: number; northing: number };

export type OrganisationCandidate = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  places: (Position & { postcode: string })[];
};

export type PlaceCandidate = Position & {
  id: string;
  organisationId: string;
  name: string;
  postcode: string;
  nhleListEntry: number | null;
};

/** A weekly slot: ISO weekday (null: any day, e.g. a one-off) and London times "HH:MM". */
export type Slot = { weekday: number | null; startTime: string; endTime: string };

export type ActivityCandidate = Position & {
  id: string;
  organisationId: string;
  title: string;
  activityTypes: readonly string[];
  slots: readonly Slot[];
};

export type DuplicateScore = { score: number; reasons: string[] };

export const THRESHOLDS: Record<DuplicateKind, number> = { organisation: 0.75, place: 0.7, activity: 0.75 };

/** Words that say what kind of body something is rather than which one. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'the',
  'and',
  'of',
  'for',
  'in',
  'at',
  'trust',
  'society',
  'group',
  'club',
  'cic',
  'ltd',
  'limited',
  'charity',
  'association',
  'network',
  'collective',
  'community',
  'project',
  'friends',
  'incorporated',
  'inc',
  'org',
  'organisation',
  'partnership',
  'cio',
]);

/** Webmail and reserved domains that many unrelated groups share: a shared one says nothing. */
export const SHARED_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.co.uk',
  'yahoo.com',
  'yahoo.co.uk',
  'btinternet.com',
  'icloud.com',
  'aol.com',
  'sky.com',
  'talktalk.net',
  'example.org',
  'example.com',
  'example.net',
]);

const SPELLED_OUT: Record<string, string> = { st: 'saint', sts: 'saints', '&': 'and', mt: 'mount', rd: 'road', ctr: 'centre', center: 'centre' };

/** Lower case, no accents or punctuation, "St" → "saint", "&" → "and", without a leading "The". */
const normalisedMemo = new Map<string, string>();

export function normaliseName(name: string): string {
  const known = normalisedMemo.get(name);
  if (known !== undefined) return known;
  if (normalisedMemo.size >= 100_000) normalisedMemo.clear();
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((w) => SPELLED_OUT[w] ?? w);
  if (words[0] === 'the') words.shift();
  const normalised = words.join(' ');
  normalisedMemo.set(name, normalised);
  return normalised;
}

/** The words that tell one body from another: the normalised name without generic words. */
export function distinctiveWords(name: string): string[] {
  const words = normaliseName(name).split(' ').filter(Boolean);
  const kept = words.filter((w) => !GENERIC_WORDS.has(w));
  return kept.length > 0 ? kept : words;
}

/** Trigram sets of names seen lately: scoring many pairs meets each name many times. */
const trigramMemo = new Map<string, Set<string>>();

function trigrams(text: string): Set<string> {
  const known = trigramMemo.get(text);
  if (known) return known;
  if (trigramMemo.size >= 100_000) trigramMemo.clear();
  const grams = new Set<string>();
  trigramMemo.set(text, grams);
  for (const word of text.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** pg_trgm's similarity: shared trigrams over all trigrams of both (0–1). */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const g of ta) if (tb.has(g)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** How alike two names are once normalised and stripped of generic words (0–1). */
export function nameSimilarity(a: string, b: string): number {
  const wa = distinctiveWords(a);
  const wb = distinctiveWords(b);
  const sorted = (w: string[]) => [...w].sort().join(' ');
  if (sorted(wa) === sorted(wb)) return 1;
  return Math.max(trigramSimilarity(wa.join(' '), wb.join(' ')), trigramSimilarity(normaliseName(a), normaliseName(b)));
}

export function emailDomain(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain && !SHARED_DOMAINS.has(domain) ? domain : null;
}

export function websiteHost(website: string | null): string | null {
  if (!website) return null;
  const host =
    website
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .split(/[/?#]/)[0] ?? '';
  return host && !SHARED_DOMAINS.has(host) ? host : null;
}

export function phoneDigits(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^44/, '0');
  return digits.length >= 10 ? digits : null;
}

const compactPostcode = (p: string) => p.replace(/\s+/g, '').toUpperCase();

export function metresApart(a: Position, b: Position): number {
  return Math.hypot(a.easting - b.easting, a.northing - b.northing);
}

const percent = (n: number) => `${Math.round(n * 100)}%`;
const round = (n: number) => Math.round(n * 1000) / 1000;

function similarNames(label: string, a: string, b: string, similarity: number): string {
  return similarity === 1
    ? `${label} are the same once spelling differences are set aside (“${a}” and “${b}”)`
    : `${label} are similar (“${a}” and “${b}”, ${percent(similarity)} alike)`;
}

export function scoreOrganisations(a: OrganisationCandidate, b: OrganisationCandidate): DuplicateScore {
  const similarity = nameSimilarity(a.name, b.name);
  const reasons: string[] = [];
  let score = similarity;
  if (similarity >= 0.4) reasons.push(similarNames('Names', a.name, b.name, similarity));
  const contact: string[] = [];
  const domain = emailDomain(a.email);
  if (domain && domain === emailDomain(b.email)) contact.push(`Same email domain (${domain})`);
  const host = websiteHost(a.website);
  if (host && host === websiteHost(b.website)) contact.push(`Same website (${host})`);
  const phone = phoneDigits(a.phone);
  if (phone && phone === phoneDigits(b.phone)) contact.push('Same phone number');
  if (contact.length > 0) score += 0.35;
  reasons.push(...contact);
  let nearest = Number.POSITIVE_INFINITY;
  let samePostcode = false;
  for (const pa of a.places)
    for (const pb of b.places) {
      nearest = Math.min(nearest, metresApart(pa, pb));
      if (compactPostcode(pa.postcode) === compactPostcode(pb.postcode)) samePostcode = true;
    }
  if (samePostcode) {
    score += 0.15;
    reasons.push('They have places at the same postcode');
  } else if (nearest <= 200) {
    score += 0.15;
    reasons.push(`They have places ${Math.round(nearest)} m apart`);
  }
  return { score: round(score), reasons };
}

export function scorePlaces(a: PlaceCandidate, b: PlaceCandidate): DuplicateScore {
  const similarity = nameSimilarity(a.name, b.name);
  const reasons: string[] = [];
  let score = similarity * 0.6;
  if (similarity >= 0.4) reasons.push(similarNames('Names', a.name, b.name, similarity));
  if (a.nhleListEntry !== null && a.nhleListEntry === b.nhleListEntry) {
    score += 0.6;
    reasons.push(`Same National Heritage List entry (${a.nhleListEntry})`);
  }
  const apart = metresApart(a, b);
  if (compactPostcode(a.postcode) === compactPostcode(b.postcode)) {
    score += 0.4;
    reasons.push(`Same postcode (${a.postcode})`);
  } else if (apart <= 50) {
    score += 0.4;
    reasons.push(`${Math.round(apart)} m apart`);
  } else if (apart <= 250) {
    score += 0.2;
    reasons.push(`${Math.round(apart)} m apart`);
  }
  return { score: round(score), reasons };
}

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function slotsOverlap(a: readonly Slot[], b: readonly Slot[]): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        (x.weekday === null || y.weekday === null || x.weekday === y.weekday) &&
        minutes(x.startTime) < minutes(y.endTime) &&
        minutes(y.startTime) < minutes(x.endTime),
    ),
  );
}

export function scoreActivities(a: ActivityCandidate, b: ActivityCandidate): DuplicateScore {
  const similarity = nameSimilarity(a.title, b.title);
  const reasons: string[] = [];
  let score = similarity * 0.5;
  if (similarity >= 0.4) reasons.push(similarNames('Titles', a.title, b.title, similarity));
  const apart = metresApart(a, b);
  if (a.organisationId === b.organisationId) {
    score += 0.2;
    reasons.push('Run by the same organisation');
  } else if (apart <= 500) {
    score += 0.15;
    reasons.push(`Held ${Math.round(apart)} m apart`);
  }
  const sharedTypes = a.activityTypes.filter((t) => b.activityTypes.includes(t));
  if (sharedTypes.length > 0) {
    score += 0.15;
    reasons.push('The same type of activity');
  }
  if (slotsOverlap(a.slots, b.slots)) {
    score += 0.2;
    reasons.push('Their sessions overlap in time');
  } else if (a.slots.length > 0 && b.slots.length > 0) score -= 0.2; // a second session on another day is its own listing

  return { score: round(score), reasons };
}

export type DuplicatePair = { kind: DuplicateKind; firstId: string; secondId: string; score: number; reasons: string[] };

/** The pair in a fixed order (the smaller id first), so "not the same" is remembered once for both orders. */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * The least name similarity (of distinctive words, as `pg_trgm` measures it) for a pair to be
 * compared at all at national scale (decision 047 addendum). Below it the rules cannot reach the
 * threshold whatever else the pair shares, with a margin for the name measure taking the better of
 * two forms: organisations with nothing else in common need 0.75 (those sharing contact details or
 * nearby places are blocked on those instead); activities need 0.4 even at one organisation.
 */
export const BLOCK_SIMILARITY = { organisation: 0.5, activity: 0.3 } as const;

/** Metres within which places (and activities' places) are compared; organisations' places within this count as "nearby". */
export const BLOCK_METRES = { organisationPlaces: 200, place: 250, activity: 5000 } as const;

/** Scores the given pairs (ids into `byId`), best first, leaving out "not the same" ones and those below the threshold. */
export function scorePairs<T extends { id: string }>(
  kind: DuplicateKind,
  byId: ReadonlyMap<string, T>,
  candidates: Iterable<readonly [string, string]>,
  score: (a: T, b: T) => DuplicateScore,
  options: { dismissed?: ReadonlySet<string>; threshold?: number } = {},
): DuplicatePair[] {
  const threshold = options.threshold ?? THRESHOLDS[kind];
  const pairs: DuplicatePair[] = [];
  const seen = new Set<string>();
  for (const [x, y] of candidates) {
    const a = byId.get(x);
    const b = byId.get(y);
    if (!a || !b || x === y) continue;
    const [firstId, secondId] = orderedPair(a.id, b.id);
    const key = pairKey(kind, firstId, secondId);
    if (seen.has(key) || options.dismissed?.has(key)) continue;
    seen.add(key);
    const s = score(a, b);
    if (s.score >= threshold) pairs.push({ kind, firstId, secondId, score: s.score, reasons: s.reasons });
  }
  return pairs.sort((x, y) => y.score - x.score);
}

/**
 * Every likely pair among a short list of candidates, best first (every pair compared: for one
 * record against its area, and in tests). `near` limits which pairs are compared at all.
 */
export function findDuplicates<T extends { id: string }>(
  kind: DuplicateKind,
  items: readonly T[],
  score: (a: T, b: T) => DuplicateScore,
  options: { near?: (a: T, b: T) => boolean; dismissed?: ReadonlySet<string>; threshold?: number } = {},
): DuplicatePair[] {
  function* allPairs(): Generator<[string, string]> {
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) if (!options.near || options.near(items[i]!, items[j]!)) yield [items[i]!.id, items[j]!.id];
  }
  return scorePairs(kind, new Map(items.map((i) => [i.id, i])), allPairs(), score, options);
}

export function pairKey(kind: DuplicateKind, firstId: string, secondId: string): string {
  return `${kind}:${firstId}:${secondId}`;
}

/** Precision and recall of a scorer on labelled pairs at a threshold. */
export function precisionRecall<T>(labelled: readonly { a: T; b: T; duplicate: boolean }[], score: (a: T, b: T) => DuplicateScore, threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { a, b, duplicate } of labelled) {
    const flagged = score(a, b).score >= threshold;
    if (flagged && duplicate) tp++;
    else if (flagged) fp++;
    else if (duplicate) fn++;
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}
