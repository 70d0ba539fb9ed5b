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

/**
 * `npm run bench:duplicates -- --national [--engine postgres] [--reuse] [--old]`: the administrator's
 * duplicates page on the benchmarks' national-scale directory (bench/bench-database.ts), timed by
 * step: the SQL blocks (decision 047 addendum) and scoring their pairs, and with `--old` every pair
 * compared in the application as before (places and activities only within 5 km).
 */
if (process.argv.includes('--national')) await national();

async function national() {
  const { parseArgs } = await import('node:util');
  const { openPglite, openPostgres } = await import('../src/data/database.ts');
  const { createDuplicateRepository } = await import('../src/data/repositories/duplicate.repository.ts');
  const { findDuplicates, metresApart, scorePairs } = await import('../src/domain/duplicates.ts');
  const { prepareBenchDatabase } = await import('./bench-database.ts');
  const { values: args } = parseArgs({
    options: {
      national: { type: 'boolean' },
      errors: { type: 'boolean' },
      old: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      engine: { type: 'string', default: 'pglite' },
      'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    },
  });
  const engine = args.engine === 'postgres' ? 'postgres' : 'pglite';
  const bench = await prepareBenchDatabase({
    engine,
    scale: { activities: 50_000, places: 20_000, heritage: 0, organisations: 5_000 },
    postgresUrl: args['postgres-url']!,
    database: 'waymark_bench_duplicates',
    reuse: args.reuse!,
    log: console.log,
  });
  const db = engine === 'pglite' ? await openPglite(bench.target) : await openPostgres(bench.target, 2);
  const repo = createDuplicateRepository(db);
  const everywhere = { everywhere: true } as const;
  const time = async <T>(what: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    console.log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(2)} s${Array.isArray(r) ? ` (${r.length.toLocaleString('en-GB')})` : ''}`);
    return r;
  };
  const near = (a: { easting: number; northing: number }, b: { easting: number; northing: number }) => metresApart(a, b) <= 5000;
  console.log(`\nnational scale on ${engine} (${bench.real ? 'real postcode positions' : 'random positions'}): administrator, everywhere`);
  const started = performance.now();
  const orgs = await time('organisations loaded', () => repo.organisations(everywhere));
  const places = await time('places loaded', () => repo.places(everywhere));
  const activities = await time('activities loaded', () => repo.activities(everywhere));
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const kinds = [
    ['organisation', orgs, () => repo.organisationPairs(everywhere), scoreOrganisations, undefined],
    ['place', places, () => repo.placePairs(everywhere), scorePlaces, near],
    ['activity', activities, () => repo.activityPairs(everywhere), scoreActivities, near],
  ] as const;
  for (const [kind, items, blocks, score] of kinds) {
    const candidates = await time(`${kind} candidate pairs (SQL blocks)`, blocks);
    await time(`${kind} pairs scored and flagged`, () => scorePairs(kind, byId(items as never[]), candidates, score as never));
  }
  console.log(`  total with blocks: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  if (args.old)
    for (const [kind, items, , score, nearBy] of kinds)
      await time(`${kind}: every pair compared in the application (before)`, () =>
        findDuplicates(kind, items as never[], score as never, nearBy ? { near: nearBy as never } : {}),
      );
  await db.close();
}
