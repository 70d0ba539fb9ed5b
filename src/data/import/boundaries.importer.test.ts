import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { testConfig } from '../../config.ts';
import { decodeRing, insideRing } from '../../domain/map-outline.ts';
import type { Db } from '../database.ts';
import { createMapAreaRepository } from '../repositories/map-area.repository.ts';
import { findBoundariesFile, importBoundaries, importBoundariesIfMissing, mapAreasFromGeoJson } from './boundaries.importer.ts';

/** Two made-up districts side by side on the coast, one with an island, as GeoJSON from the ONS would give them. */
const SAMPLE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { LAD24CD: 'E07000901', LAD24NM: 'Harbourside' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1.6, 52.5],
              [1.7, 52.5],
              [1.7, 52.6],
              [1.6, 52.6],
              [1.6, 52.5],
            ],
          ],
          [
            [
              [1.75, 52.55],
              [1.76, 52.55],
              [1.76, 52.56],
              [1.75, 52.55],
            ],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { name: 'Inland Vale', kind: 'LAD' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1.5, 52.5],
            [1.6, 52.5],
            [1.6, 52.6],
            [1.5, 52.6],
            [1.5, 52.5],
          ],
        ],
      },
    },
    { type: 'Feature', properties: { LAD24NM: 'No shape' }, geometry: null },
    { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 52] } },
  ],
};

describe('reading boundaries', () => {
  it('keeps named polygons and multipolygons with their code, and skips the rest', () => {
    const { areas, skipped } = mapAreasFromGeoJson(SAMPLE);
    expect(areas.map((a) => [a.name, a.code, a.polygons.length])).toEqual([
      ['Harbourside', 'E07000901', 2],
      ['Inland Vale', null, 1],
    ]);
    expect(skipped).toBe(2);
    const harbour = areas[0]!;
    expect(decodeRing(harbour.polygons[0]![0]!)).toEqual([
      [1.6, 52.5],
      [1.7, 52.5],
      [1.7, 52.6],
      [1.6, 52.6],
      [1.6, 52.5],
    ]);
    expect(insideRing(harbour.label, decodeRing(harbour.polygons[0]![0]!))).toBe(true);
  });

  it('finds no file in a folder without the ONS boundaries', () => {
    expect(findBoundariesFile(tmpdir())).toBeNull();
  });
});

describe.each(ENGINES)('importing boundaries ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let dir: string;
  let file: string;
  beforeAll(async () => {
    db = await engine.open();
    // Laid out like SHARED_DIR, with the ONS file where the start-up import looks for it.
    dir = await mkdtemp(join(tmpdir(), 'waymark-boundaries-'));
    await mkdir(join(dir, 'data/lad2024-boundaries-england/derived'), { recursive: true });
    file = join(dir, 'data/lad2024-boundaries-england/derived/lad_may2024_england_buc.geojson');
    await writeFile(file, JSON.stringify(SAMPLE));
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces every outline with those in the file', async () => {
    const areas = createMapAreaRepository(db);
    await areas.replaceAll([{ name: 'Old district', code: null, label: [0, 51], polygons: [[[0, 510000, 10, 0, 0, 10, -10, -10]]] }]);
    const report = await importBoundaries(db, file);
    expect(report).toMatchObject({ areas: 2, skipped: 2, points: 5 + 4 + 5 });
    const stored = await areas.all();
    expect(stored.map((a) => a.name)).toEqual(['Harbourside', 'Inland Vale']);
    expect(stored[0]).toEqual(mapAreasFromGeoJson(SAMPLE).areas[0]);
  });

  it('at start-up, imports only when no outlines are loaded and the shared data is there', async () => {
    const areas = createMapAreaRepository(db);
    expect(findBoundariesFile(dir)).toBe(file);
    expect(await importBoundariesIfMissing(db, dir)).toBeNull();
    await db.query('delete from map_areas');
    expect(await importBoundariesIfMissing(db, tmpdir())).toBeNull();
    expect(await areas.count()).toBe(0);
    expect((await importBoundariesIfMissing(db, dir))?.areas).toBe(2);
    expect(await areas.count()).toBe(2);
  });
});

/** The real ONS file from ../shared when it is there (it is not part of the repository). */
const SHARED = resolve(testConfig().sharedDir);
const realFile = findBoundariesFile(SHARED);
if (!realFile) console.warn(`Skipping the real boundaries import test: no ONS boundaries under ${SHARED}/data.`);

describe.skipIf(!realFile || !existsSync(realFile))('importing the real ONS boundaries (PGlite)', () => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await ENGINES[0]!.open();
  });
  afterAll(() => db.drop());

  it('loads all 296 English districts into a small file, each named where it is', async () => {
    const report = await importBoundariesIfMissing(db, SHARED);
    expect(report?.areas).toBe(296);
    expect(report!.bytes).toBeLessThan(160_000);
    const areas = await createMapAreaRepository(db).all();
    const yarmouth = areas.find((a) => a.name === 'Great Yarmouth')!;
    expect(yarmouth.code).toBe('E07000145');
    const outlines = yarmouth.polygons.map((p) => decodeRing(p[0]!));
    expect(outlines.some((ring) => insideRing(yarmouth.label, ring))).toBe(true);
    // Great Yarmouth Minster (NR30 1NE) is on land in the district; a point 3 km out to sea is in no district.
    expect(outlines.some((ring) => insideRing([1.7265, 52.611], ring))).toBe(true);
    const sea: [number, number] = [1.79, 52.611];
    expect(areas.some((a) => a.polygons.some((p) => insideRing(sea, decodeRing(p[0]!))))).toBe(false);
  });
});
