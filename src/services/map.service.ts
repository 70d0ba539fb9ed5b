import { createHash } from 'node:crypto';
import type { MapAreaRepository } from '../data/repositories/map-area.repository.ts';
import { BOUNDARIES_ATTRIBUTION, OUTLINE_SCALE } from '../domain/map-outline.ts';

/** What the map module fetches when no tile server is configured: every local authority outline. */
export type MapOutlines = { body: string; etag: string };

export function createMapService(deps: { mapAreas: MapAreaRepository }) {
  return {
    /** The outlines as one JSON document (empty when none are imported), with a tag that changes when they do. */
    async outlines(): Promise<MapOutlines> {
      const areas = await deps.mapAreas.all();
      const body = JSON.stringify({ attribution: areas.length > 0 ? BOUNDARIES_ATTRIBUTION : null, scale: OUTLINE_SCALE, areas });
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    },
  };
}

export type MapService = ReturnType<typeof createMapService>;
