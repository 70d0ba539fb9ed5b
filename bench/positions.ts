import { existsSync } from 'node:fs';
import { codePointFiles } from '../src/data/import/codepoint.importer.ts';
import { readCsvFile } from '../src/data/import/csv.ts';
import { seededPicker } from '../src/domain/seeded-random.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export type Position = { postcode: string; easting: number; northing: number };

/** A seeded generator, so every run builds the same directory. */
export const random = seededPicker;

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
