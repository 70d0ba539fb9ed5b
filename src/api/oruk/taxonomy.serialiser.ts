import { paths } from '../../web/paths.ts';
import type { Term, Vocabulary } from '../../domain/vocabulary.ts';
import { childId, taxonomyId, termId } from './oruk-ids.ts';

/** ORUK taxonomy and taxonomy_term: Waymark's controlled vocabularies. Field names are the standard's. */
export type OrukContext = { baseUrl: string };

export function toOrukTaxonomyTerm(vocabulary: Vocabulary, term: Term, ctx: OrukContext) {
  const id = termId(vocabulary.id, term.code);
  return {
    id,
    name: term.label,
    description: term.hint ?? term.label,
    taxonomy: vocabulary.name,
    taxonomy_id: taxonomyId(vocabulary.id),
    term_uri: `${ctx.baseUrl}${paths.api.orukTaxonomyTerm(id)}`,
    term: term.label,
  };
}

export function toOrukTaxonomy(vocabulary: Vocabulary, ctx: OrukContext) {
  const id = taxonomyId(vocabulary.id);
  return {
    id,
    name: vocabulary.name,
    description: vocabulary.description,
    uri: `${ctx.baseUrl}${paths.api.orukTaxonomy(id)}`,
    version: '1',
    taxonomy_terms: vocabulary.terms.map((t) => toOrukTaxonomyTerm(vocabulary, t, ctx)),
  };
}

/** An attribute: the link between a record (service, organisation, accessibility) and a term. */
export function toOrukAttribute(linkId: string, vocabulary: Vocabulary, code: string, ctx: OrukContext) {
  const term = vocabulary.terms.find((t) => t.code === code);
  if (!term) return undefined;
  const taxonomyTerm = toOrukTaxonomyTerm(vocabulary, term, ctx);
  return {
    id: childId(linkId, `attribute:${taxonomyTerm.id}`),
    link_id: linkId,
    link_type: vocabulary.id,
    taxonomy_term_id: taxonomyTerm.id,
    taxonomy_term: taxonomyTerm,
  };
}

export function toOrukAttributes(linkId: string, vocabulary: Vocabulary, codes: readonly string[], ctx: OrukContext) {
  return codes.flatMap((code) => toOrukAttribute(linkId, vocabulary, code, ctx) ?? []);
}
