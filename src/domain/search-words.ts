/**
 * How the words someone types become what the directory search looks for (decision 019): accents
 * folded, filler words dropped, phrases a synonym names kept together, and a misspelt word corrected
 * only to a close listing word.
 */

/** At most this many words of a query are searched for. */
export const MAX_QUERY_WORDS = 8;
/** A synonym names a word or a phrase of up to this many words. */
export const MAX_SYNONYM_WORDS = 3;
/**
 * A typed word this long also matches longer words it starts ("archae" finds archaeology). A shorter
 * one matches only its own forms: "low" must not find Lowestoft, nor "art" artefacts.
 */
export const PREFIX_MIN_LETTERS = 5;
export const matchesAsPrefix = (word: string) => [...word].length >= PREFIX_MIN_LETTERS;

/** "Café" → "cafe": letters lose their accents (decomposed, combining marks dropped), and are lower-cased. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();
}

/** PostgreSQL's English stop words of three letters or more: the search ignores them anyway. */
const STOP_WORDS = new Set(
  (
    'about above after again against all and any are because been before being below between both but can did does doing don down during ' +
    'each few for from further had has have having her here hers herself him himself his how into its itself just more most myself nor not ' +
    'now off once only other our ours ourselves out over own same she should some such than that the their theirs them themselves then ' +
    'there these they this those through too under until very was were what when where which while who whom why will with you your yours ' +
    'yourself yourselves'
  ).split(' '),
);

/** Words people add to a search that say nothing about what they are looking for. */
export const QUERY_FILLER: ReadonlySet<string> = new Set(['near', 'nearby', 'around', 'activity', 'activities', 'something', 'anything', 'things', 'thing']);

const wordsIn = (text: string) => foldAccents(text).match(/\p{L}{3,}/gu) ?? [];

/** The words of a query worth searching for: folded, letters only (so they are safe in a tsquery), three or more of them. */
export function queryWords(text: string, max = MAX_QUERY_WORDS): string[] {
  const words = wordsIn(text).filter((w) => !STOP_WORDS.has(w) && !QUERY_FILLER.has(w));
  return [...new Set(words)].slice(0, max);
}

/** Every run of one to three neighbouring words, longest first: the phrases a synonym might name. */
export function phrasesOf(words: readonly string[], maxWords = MAX_SYNONYM_WORDS): string[] {
  const out: string[] = [];
  for (let n = Math.min(maxWords, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  }
  return [...new Set(out)];
}

/**
 * One thing the person asked for: what they typed (a word, or a phrase a synonym names) and each way
 * a listing can match it. An alternative is a list of words that must all occur (as prefixes).
 */
export type SearchConcept = { typed: string; alternatives: string[][] };

/**
 * Groups the typed words into concepts, left to right, taking the longest phrase that has synonyms;
 * `alsoFind` maps such a phrase to the other words it stands for.
 */
export function conceptsFrom(words: readonly string[], alsoFind: ReadonlyMap<string, readonly string[]>): SearchConcept[] {
  const concepts: SearchConcept[] = [];
  let i = 0;
  while (i < words.length) {
    let taken = 1;
    for (let n = Math.min(MAX_SYNONYM_WORDS, words.length - i); n > 1; n--) {
      if (alsoFind.has(words.slice(i, i + n).join(' '))) {
        taken = n;
        break;
      }
    }
    const typed = words.slice(i, i + taken).join(' ');
    const alternatives = [words.slice(i, i + taken)];
    for (const other of alsoFind.get(typed) ?? []) {
      const otherWords = queryWords(other);
      if (otherWords.length && !alternatives.some((a) => a.join(' ') === otherWords.join(' '))) alternatives.push(otherWords);
    }
    concepts.push({ typed, alternatives });
    i += taken;
  }
  return concepts;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours each cost one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many slips of the keyboard a typed word of this length may hold and still be recognised (none in three letters). */
export const typosAllowed = (length: number) => (length <= 3 ? 0 : length === 4 ? 1 : length <= 8 ? 2 : 3);

/** Synonym text as kept: lower case, single spaces. */
export const synonymText = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What is wrong with the words a synonym is for (what people type), or null. They must be letters
 * (spaces, hyphens, apostrophes between), say something, be at most three words, and hold no word the
 * search leaves out (the synonym would never be looked up).
 */
export function searchedForProblem(text: string): string | null {
  if (!/^[\p{L}' ’-]+$/u.test(text)) return 'What people search for must only include letters, spaces, hyphens and apostrophes';
  const filler = wordsIn(text).find((w) => QUERY_FILLER.has(w));
  if (filler) return `Leave out ‘${filler}’: search ignores it`;
  const words = queryWords(text, Number.MAX_SAFE_INTEGER);
  if (words.length === 0) return 'Enter a word that says what people look for, not only words like ‘the’ or ‘and’';
  if (words.length > MAX_SYNONYM_WORDS) return `What people search for must be ${MAX_SYNONYM_WORDS} words or fewer`;
  return null;
}

/** What is wrong with one of the words a synonym also finds (what listings say), or null. */
export function alsoFindProblem(text: string): string | null {
  if (!/^[\p{L}' ’-]+$/u.test(text))
    return 'Words to also find must only include letters, spaces, hyphens and apostrophes, with commas between different words';
  if (queryWords(text).length === 0) return 'Enter words that listings use, not only words like ‘the’ or ‘and’';
  return null;
}

export type CorrectionCandidate = { word: string; similarity: number };

/**
 * The listing word a misspelt word was most likely meant to be: among similar listing words, the
 * nearest within `typosAllowed` edits (then the most similar). "mmeory" → "memory"; "choir" is not
 * "chosen" (three edits in five letters).
 */
export function chooseCorrection(typed: string, candidates: readonly CorrectionCandidate[]): string | null {
  const word = foldAccents(typed);
  let best: { word: string; distance: number; similarity: number } | null = null;
  for (const c of candidates) {
    if (!/^\p{L}+$/u.test(c.word)) continue;
    const distance = editDistance(word, foldAccents(c.word));
    if (distance === 0 || distance > typosAllowed(word.length)) continue;
    if (!best || distance < best.distance || (distance === best.distance && c.similarity > best.similarity))
      best = { word: c.word, distance, similarity: c.similarity };
  }
  return best?.word ?? null;
}
