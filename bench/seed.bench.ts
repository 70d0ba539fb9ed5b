/**
 * `npm run bench:seed`: how long migrating and seeding the demo data takes on a fresh PGlite
 * database (what `npm start` does on first start, and what every seeded test pays in its setup).
 */
import { openPglite } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { seedDemoData } from '../src/data/seed/seed.ts';
import { systemClock } from '../src/domain/clock.ts';

const RUNS = Number(process.argv[2] ?? 5);
const migrateMs: number[] = [];
const seedMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const db = await openPglite();
  let t = performance.now();
  await migrate(db);
  migrateMs.push(performance.now() - t);
  t = performance.now();
  await seedDemoData(db, systemClock);
  seedMs.push(performance.now() - t);
  await db.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `PGlite, ${RUNS} fresh databases: migrate median ${median(migrateMs).toFixed(0)} ms, seed median ${median(seedMs).toFixed(0)} ms ` +
    `(seed min ${Math.min(...seedMs).toFixed(0)}, max ${Math.max(...seedMs).toFixed(0)} ms)`,
);
