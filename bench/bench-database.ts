import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { testConfig } from '../src/config.ts';
import { openPglite, openPostgres, type Db } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { generateDirectory, type Scale } from './generate-directory.ts';
import { random, samplePositions } from './positions.ts';

/**
 * The benchmarks' national-scale directory: a PGlite folder in bench/output or a PostgreSQL database,
 * generated from a fixed seed (positions sampled from real Code-Point Open postcodes when ../shared
 * is present), or reused as it is with `reuse`. Returns where it is and postcodes to search from.
 */
export const BENCH_OUTPUT = resolve('bench/output');
const CODE_POINT = resolve(testConfig().sharedDir, 'data/postcodes/codepoint-open-csv');

export type BenchDatabase = { target: string; postcodes: string[]; real: boolean };

export async function prepareBenchDatabase(opts: {
  engine: 'pglite' | 'postgres';
  scale: Scale;
  /** The PostgreSQL server's address, and the database's name on it. */
  postgresUrl: string;
  database: string;
  reuse: boolean;
  log: (s: string) => void;
}): Promise<BenchDatabase> {
  const { engine, scale, log } = opts;
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.database)) throw new Error('--database: a lower-case PostgreSQL name');
  mkdirSync(BENCH_OUTPUT, { recursive: true });
  const url = new URL(opts.postgresUrl);
  url.pathname = `/${opts.database}`;
  const target = engine === 'pglite' ? join(BENCH_OUTPUT, `pglite-${scale.activities}`) : url.toString();
  const meta = join(BENCH_OUTPUT, engine === 'pglite' ? `pglite-${scale.activities}.json` : `${opts.database}-${scale.activities}.json`);
  if (opts.reuse && existsSync(meta)) return { target, ...(JSON.parse(readFileSync(meta, 'utf8')) as { postcodes: string[]; real: boolean }) };
  let db: Db;
  if (engine === 'pglite') {
    rmSync(target, { recursive: true, force: true });
    db = await openPglite(target);
  } else {
    const admin = new pg.Client({ connectionString: opts.postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${opts.database} with (force)`);
    await admin.query(`create database ${opts.database}`);
    await admin.end();
    db = await openPostgres(target, 4);
  }
  const started = performance.now();
  await migrate(db);
  const rng = random(20261121);
  const { positions, real } = await samplePositions(CODE_POINT, scale.places * 3, rng);
  log(`  positions: ${positions.length} ${real ? 'real English postcodes (OS Code-Point Open)' : 'random points in England (Code-Point Open absent)'}`);
  const { searchPostcodes } = await generateDirectory(db, rng, positions, scale, new Date(), (s) => log(`  ${s}`));
  log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await db.close();
  const postcodes = searchPostcodes.slice(0, 3000);
  writeFileSync(meta, JSON.stringify({ postcodes, real }));
  return { target, postcodes, real };
}
