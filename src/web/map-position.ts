import { z } from 'zod';
import { str } from './form-fields.ts';

/**
 * England's bounding box in degrees, from the Isles of Scilly to Berwick and Lowestoft (the same box
 * the walk stop form checks typed coordinates against). A map position outside it is refused.
 */
export const ENGLAND_BOUNDS = { south: 49.8, north: 55.9, west: -6.5, east: 2 } as const;

/** Where the error shows: beside the map (the postcode field stays the keyboard and no-JavaScript way). */
export const MAP_POSITION_FIELD = 'position';

export const MAP_POSITION_MESSAGES = {
  incomplete: 'Choose the place on the map again, or leave the map and use the postcode',
  notANumber: 'Choose the place on the map again, or leave the map and use the postcode',
  outsideEngland: 'Choose a place in England on the map, or leave the map and use the postcode',
} as const;

const DEGREES = /^-?\d{1,3}(\.\d{1,12})?$/;

/**
 * The hidden latitude and longitude a map picker sets (progressive enhancement: without JavaScript
 * both are empty). Both or neither, plain decimal degrees, inside England; anything else is refused
 * with a message, never silently dropped.
 */
export function parseMapPosition(
  latitude: string,
  longitude: string,
): { ok: true; latitude: number | null; longitude: number | null } | { ok: false; message: string } {
  const lat = latitude.trim();
  const lng = longitude.trim();
  if (lat === '' && lng === '') return { ok: true, latitude: null, longitude: null };
  if (lat === '' || lng === '') return { ok: false, message: MAP_POSITION_MESSAGES.incomplete };
  if (!DEGREES.test(lat) || !DEGREES.test(lng)) return { ok: false, message: MAP_POSITION_MESSAGES.notANumber };
  const [la, lo] = [Number(lat), Number(lng)];
  const b = ENGLAND_BOUNDS;
  if (la < b.south || la > b.north || lo < b.west || lo > b.east) return { ok: false, message: MAP_POSITION_MESSAGES.outsideEngland };
  return { ok: true, latitude: la, longitude: lo };
}

/** The two hidden fields as text, for a form's object; check them with `mapPositionIssue` and read them with `parseMapPosition`. */
export const mapPositionFields = {
  latitude: z.preprocess(str, z.string().max(40, MAP_POSITION_MESSAGES.notANumber)),
  longitude: z.preprocess(str, z.string().max(40, MAP_POSITION_MESSAGES.notANumber)),
};

/** For a form's superRefine: the message beside the map when the position is refused. */
export function mapPositionIssue(v: { latitude: string; longitude: string }, ctx: z.RefinementCtx) {
  const parsed = parseMapPosition(v.latitude, v.longitude);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [MAP_POSITION_FIELD], message: parsed.message });
}

/** The position as numbers, once `mapPositionIssue` has passed. */
export function mapPositionOf(v: { latitude: string; longitude: string }): { latitude: number | null; longitude: number | null } {
  const parsed = parseMapPosition(v.latitude, v.longitude);
  return parsed.ok ? { latitude: parsed.latitude, longitude: parsed.longitude } : { latitude: null, longitude: null };
}
