import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { Db } from '../data/database.ts';
import type { InformationPointRepository, NewInformationPoint } from '../data/repositories/information-point.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { nextPointTimes, type InformationPoint, type InformationPointTime, type OnDuty } from '../domain/information-points.ts';
import type { Occurrence } from '../domain/directory.ts';
import type { User } from '../domain/user.ts';

export type ListedPoint = InformationPoint & { next: Occurrence[]; onDuty: OnDuty[] };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Information points (issue 10, decision 035): public ("Talk to someone", calendar feeds), kept by
 * the coordinators of the scheme they belong to.
 */
export function createInformationPointService(deps: { db: Db; points: InformationPointRepository; audit: AuditRepository; clock: Clock }) {
  const { db, points, audit, clock } = deps;

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

  /** One of the coordinator's own scheme's points (another scheme's, or a retired one, is not found). */
  async function ofMine(user: User, id: string): Promise<InformationPoint> {
    const found = await points.find(id);
    if (!found || found.schemeId !== mine(user)) throw new NotFound('Information point');
    return found;
  }

  /** The meetings as comparable words, in any order. */
  const timesKey = (times: readonly Omit<InformationPointTime, 'id'>[]) =>
    times
      .map((t) => [t.frequency, t.weekday, t.weekOfMonth, t.startTime, t.endTime].join(' '))
      .sort()
      .join(', ');

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

    ofMine,

    async create(user: User, input: Omit<NewInformationPoint, 'schemeId'>): Promise<string> {
      const schemeId = mine(user);
      return db.transaction(async (tx) => {
        const id = await points.create(tx, { ...input, schemeId }, clock.now());
        await audit.record({ actorId: user.id, action: 'information_point.created', subjectType: 'information_point', subjectId: id }, tx);
        return id;
      });
    },

    /** Name, kind, where, when, phone and opening hours: everything the coordinator can say about it. */
    async update(user: User, id: string, input: Omit<NewInformationPoint, 'schemeId'>): Promise<void> {
      const found = await ofMine(user, id);
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) =>
        k === 'times' ? timesKey(input.times) !== timesKey(found.times) : input[k] !== found[k],
      );
      await db.transaction(async (tx) => {
        await points.update(tx, found.id, input, clock.now());
        await audit.record(
          { actorId: user.id, action: 'information_point.changed', subjectType: 'information_point', subjectId: found.id, detail: { fields: changed } },
          tx,
        );
      });
    },

    /** A point that has closed: no longer listed or printed; its connectors' shifts are kept (decision 041). */
    async retire(user: User, id: string): Promise<void> {
      const found = await ofMine(user, id);
      await db.transaction(async (tx) => {
        await points.retire(tx, found.id, clock.now());
        await audit.record({ actorId: user.id, action: 'information_point.retired', subjectType: 'information_point', subjectId: found.id }, tx);
      });
    },
  };
}

export type InformationPointService = ReturnType<typeof createInformationPointService>;
