import { existsSync } from 'node:fs';
import { codePointFiles } from '../src/data/import/codepoint.importer.ts';
import { readCsvFile } from '../src/data/import/csv.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export type Position = { postcode: string; easting: number; northing: number };

/** A small seeded random generator (mulberry32), so every run builds the same directory. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    some: <T>(list: readonly T[], max: number): T[] => {
      const n = 1 + Math.floor(next() * max);
      return [...new Set(Array.from({ length: n }, () => list[Math.floor(next() * list.length)]!))];
    },
  };
}

/**
 * `count` real English postcode positions sampled uniformly (reservoir sampling) from OS Code-Point Open,
 * so the synthetic directory is as dense as England's population; random points in England's bounding
 * box when the data is absent.
 */
export async function samplePositions(codePointDir: string, count: number, rng: ReturnType<typeof random>): Promise<{ positions: Position[]; real: boolean }> {
  if (!existsSync(codePointDir)) {
    const positions = Array.from({ length: count }, (_, i) => ({
      postcode: `ZZ${i % 10}${Math.floor(i / 10) % 10}${LETTERS[Math.floor(i / 100) % 26]}${LETTERS[Math.floor(i / 2600) % 26]}`,
      easting: 140000 + rng.int(515000),
      northing: 10000 + rng.int(640000),
    }));
    return { positions, real: false };
  }
  const sample: Position[] = [];
  let seen = 0;
  for (const file of await codePointFiles(codePointDir)) {
    for await (const row of readCsvFile(file)) {
      if (row[1] === '90' || row[4] !== 'E92000001') continue;
      const p = { postcode: row[0]!.replace(' ', ''), easting: Number(row[2]), northing: Number(row[3]) };
      seen++;
      if (sample.length < count) sample.push(p);
      else {
        const j = Math.floor(rng.next() * seen);
        if (j < count) sample[j] = p;
      }
    }
  }
  return { positions: sample, real: true };
}
