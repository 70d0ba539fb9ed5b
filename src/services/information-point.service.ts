import type { Db } from '../data/database.ts';
import type { InformationPointRepository, NewInformationPoint } from '../data/repositories/information-point.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { nextPointTimes, type InformationPoint, type OnDuty } from '../domain/information-points.ts';
import type { Occurrence } from '../domain/directory.ts';
import type { User } from '../domain/user.ts';

export type ListedPoint = InformationPoint & { next: Occurrence[]; onDuty: OnDuty[] };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Information points (issue 10, decision 035): public ("Talk to someone", calendar feeds), kept by
 * the coordinators of the scheme they belong to.
 */
export function createInformationPointService(deps: { db: Db; points: InformationPointRepository; clock: Clock }) {
  const { db, points, clock } = deps;

  /** Next meetings or opening hours (three), and the connectors on duty in the next eight weeks. */
  async function withNext(list: InformationPoint[]): Promise<ListedPoint[]> {
    const now = clock.now();
    const duty = await points.onDuty(list, now, new Date(now.getTime() + 56 * DAY_MS));
    return list.map((p) => ({ ...p, next: nextPointTimes(p, now, 3), onDuty: duty.get(p.id) ?? [] }));
  }

  const mine = (user: User) => {
    if (user.role !== 'coordinator' || !user.schemeId) throw new Forbidden('Only a scheme’s coordinators keep its information points');
    return user.schemeId;
  };

  return {
    /** Every information point, by area: the public "Talk to someone" page. */
    async listPublic(): Promise<{ area: string; points: ListedPoint[] }[]> {
      const all = await withNext(await points.all());
      const areas = [...new Set(all.map((p) => p.schemeArea))];
      return areas.map((area) => ({ area, points: all.filter((p) => p.schemeArea === area) }));
    },

    /** One point (its calendar feed). */
    async get(id: string): Promise<InformationPoint> {
      const found = await points.find(id);
      if (!found) throw new NotFound('Information point');
      return found;
    },

    /** The coordinator's own scheme's points. */
    async ofMyScheme(user: User): Promise<ListedPoint[]> {
      return withNext(await points.ofScheme(mine(user)));
    },

    async create(user: User, input: Omit<NewInformationPoint, 'schemeId'>): Promise<string> {
      const schemeId = mine(user);
      return db.transaction((tx) => points.create(tx, { ...input, schemeId }, clock.now()));
    },

    async delete(user: User, id: string): Promise<void> {
      const found = await points.find(id);
      if (!found || found.schemeId !== mine(user)) throw new NotFound('Information point');
      await db.transaction((tx) => points.delete(tx, id));
    },
  };
}

export type InformationPointService = ReturnType<typeof createInformationPointService>;
