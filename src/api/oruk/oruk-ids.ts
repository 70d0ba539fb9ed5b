import { createHash } from 'node:crypto';
import { VOCABULARIES, type Term, type Vocabulary } from '../../domain/vocabulary.ts';

/**
 * Identifiers for things ORUK wants a UUID for but Waymark keys otherwise (vocabularies and their
 * terms, and child records such as addresses or cost options). Each is a name-based UUID
 * (RFC 9562 version 5) in Waymark's own namespace, so it is the same on every install and every run.
 */
const WAYMARK_NAMESPACE = '3b0d6f1e-2c7a-4f0e-9d55-6a1f0c8e7b42';

export function uuidV5(name: string, namespace: string = WAYMARK_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const taxonomyId = (vocabularyId: string) => uuidV5(`taxonomy:${vocabularyId}`);
export const termId = (vocabularyId: string, code: string) => uuidV5(`taxonomy_term:${vocabularyId}:${code}`);
/** A child record's id, derived from its parent's id and what it is ("address", "cost:standard" …). */
export const childId = (parentId: string, kind: string) => uuidV5(`${kind}:${parentId}`);

export type KnownTerm = { vocabulary: Vocabulary; term: Term; id: string };

const TERMS_BY_ID = new Map<string, KnownTerm>();
const VOCABULARIES_BY_ID = new Map<string, Vocabulary>();
for (const vocabulary of VOCABULARIES) {
  VOCABULARIES_BY_ID.set(taxonomyId(vocabulary.id), vocabulary);
  for (const term of vocabulary.terms) {
    const id = termId(vocabulary.id, term.code);
    TERMS_BY_ID.set(id, { vocabulary, term, id });
  }
}

export const vocabularyByTaxonomyId = (id: string) => VOCABULARIES_BY_ID.get(id.toLowerCase());
export const termByTermId = (id: string) => TERMS_BY_ID.get(id.toLowerCase());
