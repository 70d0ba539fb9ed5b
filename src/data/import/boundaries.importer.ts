import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeOutline, type LngLat, type MapArea, type PolygonRings } from '../../domain/map-outline.ts';
import type { Db } from '../database.ts';
import { createMapAreaRepository } from '../repositories/map-area.repository.ts';

/**
 * ONS Local Authority Districts (May 2024) Boundaries UK BUC, England, as kept in SHARED_DIR: the
 * copy with LAD24CD codes first, else the names-only original (Open Government Licence v3.0).
 */
const CANDIDATES = [
  'data/lad2024-boundaries-england/derived/lad_may2024_england_buc.geojson',
  'data/lad2024-boundaries-england/lad_may2024_england_buc_names_only.geojson',
];

export type BoundariesReport = { file: string; areas: number; skipped: number; points: number; bytes: number; ms: number };

type Geometry = { type: string; coordinates: unknown };
type Feature = { properties?: Record<string, unknown> | null; geometry?: Geometry | null };

/** The boundaries file under a shared data folder, or null when it is not there. */
export function findBoundariesFile(sharedDir: string): string | null {
  return CANDIDATES.map((c) => join(sharedDir, c)).find((file) => existsSync(file)) ?? null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

const isPosition = (p: unknown): p is LngLat => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
const isRing = (r: unknown): r is LngLat[] => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygon = (p: unknown): p is PolygonRings => Array.isArray(p) && p.length > 0 && p.every(isRing);

function polygonsOf(geometry: Geometry | null | undefined): PolygonRings[] {
  if (geometry?.type === 'Polygon' && isPolygon(geometry.coordinates)) return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) return geometry.coordinates.filter(isPolygon);
  return [];
}

/** GeoJSON features (WGS84, Polygon or MultiPolygon) → areas ready for the map; features without a name or shape are skipped. */
export function mapAreasFromGeoJson(geojson: unknown, opts: { toleranceDegrees?: number } = {}): { areas: MapArea[]; skipped: number; points: number } {
  const features: Feature[] = (geojson as { features?: Feature[] })?.features ?? [];
  const areas: MapArea[] = [];
  let skipped = 0;
  let points = 0;
  for (const f of features) {
    const name = text(f.properties?.LAD24NM) ?? text(f.properties?.name);
    const polygons = polygonsOf(f.geometry);
    const outline = polygons.length > 0 ? encodeOutline(polygons, opts) : null;
    if (!name || !outline || outline.polygons.length === 0 || areas.some((a) => a.name === name)) {
      skipped++;
      continue;
    }
    areas.push({ name, code: text(f.properties?.LAD24CD), label: outline.label, polygons: outline.polygons });
    points += outline.points;
  }
  return { areas, skipped, points };
}

/** Replaces the map's area outlines with those in a GeoJSON file. */
export async function importBoundaries(db: Db, file: string): Promise<BoundariesReport> {
  const started = performance.now();
  const { areas, skipped, points } = mapAreasFromGeoJson(JSON.parse(await readFile(file, 'utf8')));
  if (areas.length === 0) throw new Error(`No local authority outlines in ${file}`);
  await createMapAreaRepository(db).replaceAll(areas);
  const bytes = Buffer.byteLength(JSON.stringify(areas));
  return { file, areas: areas.length, skipped, points, bytes, ms: Math.round(performance.now() - started) };
}

/** At start-up: import the outlines once, when none are loaded and the shared data is at hand. */
export async function importBoundariesIfMissing(db: Db, sharedDir: string): Promise<BoundariesReport | null> {
  const file = findBoundariesFile(sharedDir);
  if (!file || (await createMapAreaRepository(db).count()) > 0) return null;
  return importBoundaries(db, file);
}
