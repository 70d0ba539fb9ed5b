import { z } from 'zod';
import { str } from './form-fields.ts';

/**
 * England's bounding box in degrees, from the Isles of Scilly to Berwick and Lowestoft. A map position,
 * or a walk stop's typed one, outside it is refused.
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

/** What is wrong with one of the two coordinates; each form words it for its own fields. */
export type PositionProblem = { field: 'latitude' | 'longitude'; problem: keyof typeof MAP_POSITION_MESSAGES };

/**
 * The one check of a latitude and longitude given as text (a map picker's hidden fields, or the walk
 * stop form's typed ones): both or neither, plain decimal degrees, inside England's box. Returns
 * every problem, by field, so a form with two visible fields can say which one is wrong.
 */
export function checkPosition(
  latitude: string,
  longitude: string,
): { ok: true; latitude: number | null; longitude: number | null } | { ok: false; problems: PositionProblem[] } {
  const lat = latitude.trim();
  const lng = longitude.trim();
  if (lat === '' && lng === '') return { ok: true, latitude: null, longitude: null };
  const b = ENGLAND_BOUNDS;
  const problems: PositionProblem[] = [];
  for (const [field, value, min, max] of [
    ['latitude', lat, b.south, b.north],
    ['longitude', lng, b.west, b.east],
  ] as const) {
    if (value === '') problems.push({ field, problem: 'incomplete' });
    else if (!DEGREES.test(value)) problems.push({ field, problem: 'notANumber' });
    else if (Number(value) < min || Number(value) > max) problems.push({ field, problem: 'outsideEngland' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, latitude: Number(lat), longitude: Number(lng) };
}

/** A map picker shows one message beside the map: the first of these that applies. */
const MAP_MESSAGE_ORDER = ['incomplete', 'notANumber', 'outsideEngland'] as const;

/**
 * The hidden latitude and longitude a map picker sets (progressive enhancement: without JavaScript
 * both are empty). Both or neither, plain decimal degrees, inside England; anything else is refused
 * with a message, never silently dropped.
 */
export function parseMapPosition(
  latitude: string,
  longitude: string,
): { ok: true; latitude: number | null; longitude: number | null } | { ok: false; message: string } {
  const checked = checkPosition(latitude, longitude);
  if (checked.ok) return checked;
  const first = MAP_MESSAGE_ORDER.find((p) => checked.problems.some((x) => x.problem === p))!;
  return { ok: false, message: MAP_POSITION_MESSAGES[first] };
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
