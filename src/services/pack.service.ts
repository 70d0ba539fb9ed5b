import type { InformationPointRepository } from '../data/repositories/information-point.repository.ts';
import type { PackArea, PackRepository } from '../data/repositories/pack.repository.ts';
import type { PublicActivity, PublicActivityRepository } from '../data/repositories/public-activity.repository.ts';
import type { Clock } from '../domain/clock.ts';
import type { Occurrence } from '../domain/directory.ts';
import { countOf } from '../domain/plural.ts';
import { outcodeOf } from '../domain/contact-details.ts';
import { NotFound, ValidationFailed } from '../domain/errors.ts';
import { monthBounds, nextPointTimes, type InformationPoint, type OnDuty } from '../domain/information-points.ts';
import { freshnessCutoff, milesToMetres } from '../domain/search.ts';
import { isCurrentSession, londonDate, londonInstant, nextOccurrences } from '../domain/schedule.ts';
import type { ResolveWhereService } from './resolve-where.service.ts';

/** What the pack builder asks for (parsed at the edge: pack.query.ts). */
export type PackRequest = {
  where: string;
  radiusMiles: number;
  /** A scheme's area instead of a place and radius. */
  schemeId: string | null;
  /** 'YYYY-MM'. */
  month: string;
  types: string[];
  free: boolean;
  stepFree: boolean;
};

export type PackItem = PublicActivity & { dates: Occurrence[] };
export type PackPoint = InformationPoint & { dates: Occurrence[]; onDuty: OnDuty[] };

export type Pack = {
  month: string;
  areaLabel: string;
  items: PackItem[];
  points: PackPoint[];
};

/**
 * The Heritage Café pack (issue 10, decision 035): next month's publicly visible activities in an
 * area, with their dates in the month (cancelled dates and bank-holiday closures left out by the one
 * schedule rule), and the area's information points with who will be there.
 */
export function createPackService(deps: {
  pack: PackRepository;
  activities: PublicActivityRepository;
  points: InformationPointRepository;
  where: ResolveWhereService;
  clock: Clock;
}) {
  const { pack, activities, points, where, clock } = deps;

  async function areaOf(request: PackRequest): Promise<{ area: PackArea; label: string; schemeId: string | null }> {
    if (request.schemeId) {
      const scheme = (await points.schemes()).find((s) => s.id === request.schemeId);
      if (!scheme) throw new ValidationFailed([{ field: 'scheme', message: 'Choose an area from the list' }]);
      return { area: { schemeId: scheme.id }, label: scheme.area, schemeId: scheme.id };
    }
    const origin = await where.resolve(request.where);
    if (!origin) throw new ValidationFailed([{ field: 'where', message: 'Enter a postcode or town, or choose a scheme area' }]);
    const miles = request.radiusMiles;
    return {
      area: { easting: origin.easting, northing: origin.northing, radiusM: milesToMetres(miles) },
      label: `within ${countOf(miles, 'mile')} of ${origin.label}`,
      schemeId: null,
    };
  }

  return {
    /** One publicly visible activity for its poster: its current sessions and next dates; NotFound otherwise. */
    async poster(id: string): Promise<PackItem> {
      const now = clock.now();
      const [entry] = await activities.findManyVisible([id], freshnessCutoff(now));
      if (!entry) throw new NotFound('Activity');
      const sessions = entry.sessions.filter((s) => isCurrentSession(s, londonDate(now)));
      return { ...entry, sessions, dates: nextOccurrences(sessions, now, { limit: 3, months: entry.activity.months }) };
    },

    /** The schemes with an area, for the builder's choice. */
    schemes: () => points.schemes(),

    async build(request: PackRequest): Promise<Pack> {
      const { area, label, schemeId } = await areaOf(request);
      const now = clock.now();
      const ids = await pack.candidateIds({ area, types: request.types, free: request.free, stepFree: request.stepFree, cutoff: freshnessCutoff(now) });
      const { first, last } = monthBounds(request.month);
      const from = londonInstant(first, '00:00');
      const until = londonInstant(last, '23:59');
      const found = await activities.findManyVisible(ids, freshnessCutoff(now));
      const items = found
        .map((entry) => ({
          ...entry,
          dates: nextOccurrences(entry.sessions, from, { limit: 62, horizonDays: 31, months: entry.activity.months }).filter((o) => o.date <= last),
        }))
        .filter((i) => i.dates.length > 0)
        .sort((a, b) => a.dates[0]!.start.getTime() - b.dates[0]!.start.getTime() || a.activity.title.localeCompare(b.activity.title));

      // The information points of the chosen scheme, or of the schemes whose areas the listings are in.
      const listed = schemeId
        ? await points.ofScheme(schemeId)
        : await points.coveringOutcodes([...new Set(items.map((i) => outcodeOf(i.place.postcode)).filter(Boolean))]);
      const duty = await points.onDuty(listed, from, until);
      const withTimes = listed.map((p) => ({
        ...p,
        dates: nextPointTimes(p, from, 40).filter((o) => o.date <= last),
        onDuty: duty.get(p.id) ?? [],
      }));
      return { month: request.month, areaLabel: label, items, points: withTimes };
    },
  };
}

export type PackService = ReturnType<typeof createPackService>;
