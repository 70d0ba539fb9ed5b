/**
 * Precision and recall of the duplicate rules (src/domain/duplicates.ts) on the labelled pairs in
 * test/fixtures/duplicates-labelled.json, at the chosen thresholds and around them.
 * `npm run bench:duplicates`; docs/benchmarks.md records the figures.
 */
import { readFileSync } from 'node:fs';
import { type DuplicateKind, precisionRecall, scoreActivities, scoreOrganisations, scorePlaces, THRESHOLDS } from '../src/domain/duplicates.ts';

const labelled = JSON.parse(readFileSync(new URL('../test/fixtures/duplicates-labelled.json', import.meta.url), 'utf8'));
const scorers = { organisation: scoreOrganisations, place: scorePlaces, activity: scoreActivities } as const;
const sets = { organisation: labelled.organisations, place: labelled.places, activity: labelled.activities } as Record<DuplicateKind, never[]>;

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
for (const kind of ['organisation', 'place', 'activity'] as const) {
  const pairs = sets[kind] as { a: never; b: never; duplicate: boolean; variation: string }[];
  const positives = pairs.filter((p) => p.duplicate).length;
  console.log(`\n${kind === 'activity' ? 'activities' : `${kind}s`}: ${pairs.length} pairs (${positives} duplicates)`);
  for (const delta of [-0.1, -0.05, 0, 0.05, 0.1]) {
    const t = Math.round((THRESHOLDS[kind] + delta) * 100) / 100;
    const m = precisionRecall(pairs, scorers[kind] as (a: never, b: never) => { score: number; reasons: string[] }, t);
    console.log(
      `  threshold ${t.toFixed(2)}${delta === 0 ? ' (chosen)' : '         '}  precision ${pct(m.precision)}  recall ${pct(m.recall)}  (false positives ${m.falsePositives}, missed ${m.falseNegatives})`,
    );
  }
  if (process.argv.includes('--errors'))
    for (const p of pairs) {
      const s = (scorers[kind] as (a: never, b: never) => { score: number; reasons: string[] })(p.a, p.b);
      if (s.score >= THRESHOLDS[kind] !== p.duplicate)
        console.log(
          `    ${p.duplicate ? 'missed' : 'false +'} ${s.score} ${p.variation}: ${(p.a as { name?: string; title?: string }).name ?? (p.a as { title: string }).title} | ${(p.b as { name?: string }).name ?? (p.b as { title: string }).title}`,
        );
    }
}
