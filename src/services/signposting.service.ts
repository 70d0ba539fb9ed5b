import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ActivityChoice, SignpostingRepository } from '../data/repositories/signposting.repository.ts';
import type { InformationPointRepository } from '../data/repositories/information-point.repository.ts';
import { nextPointTimes, type InformationPoint } from '../domain/information-points.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { type Month, monthName, monthNumber } from '../domain/report-period.ts';
import { addDays, londonDate, londonInstant } from '../domain/schedule.ts';
import { type Conversation, type ConversationInput, conversationProblems, earliestRecentDate, isRecent } from '../domain/signposting.ts';
import { type SignpostingCounts, type SignpostingFact, signpostingCounts } from '../domain/signposting-counts.ts';
import type { User } from '../domain/user.ts';

/** A whole-month period for the counts (decision 012): either end may be open. */
export type CountsQuery = { from?: Month; to?: Month };

/**
 * A shift as a coordinator schedules it (parsed at the edge); London date and times. `infoPoint` is a
 * kind of place (a GP surgery, out and about) or the id of one of the scheme's information points.
 */
export type ShiftInput = { infoPoint: string; place: string; date: string; startTime: string; endTime: string; connectorId: string | null };

/** A connector booking themselves at one of an information point's meetings or opening hours (decision 041). */
export type BookingInput = { startsAt: Date; showFirstName: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How far ahead "who is on duty" looks. */
export const DUTY_DAYS = 28;

const monthOf = (date: string) => monthNumber({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });
const monthLabel = (m: number) => monthName({ year: Math.floor(m / 12), month: (m % 12) + 1 });

/**
 * Heritage Connectors' signposting (issue 9, decision 029): conversations recorded anonymously by
 * connectors, counted for coordinators with small numbers withheld, and connectors' shifts.
 */
export function createSignpostingService(deps: {
  db: Db;
  signposting: SignpostingRepository;
  points: InformationPointRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { db, signposting, points, audit, clock } = deps;
  const today = () => londonDate(clock.now());

  function connectorScheme(user: User): string {
    if (user.role !== 'connector') throw new Forbidden('Only Heritage Connectors record signposting conversations');
    if (!user.schemeId) throw new Forbidden('You are not part of a scheme yet. Ask your coordinator to add you.');
    return user.schemeId;
  }

  /** Coordinators see their scheme; connectors see their scheme's shifts and their own counts. */
  function schemeOf(user: User): string {
    if (user.role !== 'coordinator' && user.role !== 'connector') throw new Forbidden();
    if (!user.schemeId) throw new Forbidden('You are not part of a scheme yet.');
    return user.schemeId;
  }

  function coordinatorScheme(user: User): string {
    if (user.role !== 'coordinator') throw new Forbidden();
    if (!user.schemeId) throw new Forbidden('You are not part of a scheme yet.');
    return user.schemeId;
  }

  /** A connector's own recent conversation; anyone else's, or an older one, is not found. */
  async function ownRecent(user: User, id: string): Promise<Conversation> {
    connectorScheme(user);
    const c = await signposting.find(id);
    if (!c || c.connectorId !== user.id || !isRecent(c.heldOn, today())) throw new NotFound('Conversation');
    return c;
  }

  /** Problems with a conversation: the domain's rules, and activities that are in the directory. */
  async function check(input: ConversationInput) {
    const problems = conversationProblems(input, today());
    const found = await signposting.activities(input.activityIds);
    if (found.length !== new Set(input.activityIds).size) problems.push({ field: 'activityIds', message: 'Choose activities from the list' });
    if (problems.length > 0) throw new ValidationFailed(problems);
  }

  return {
    today,

    /** The connector's recent conversations (last RECENT_DAYS days), with the activities' titles. */
    async recent(user: User) {
      connectorScheme(user);
      const items = await signposting.recentFor(user.id, earliestRecentDate(today()));
      const titles = new Map((await signposting.activities([...new Set(items.flatMap((c) => c.activityIds))])).map((a) => [a.id, a.title]));
      return items.map((c) => ({ ...c, activityTitles: c.activityIds.map((id) => titles.get(id) ?? 'An activity no longer listed') }));
    },

    /**
     * Activities a connector can choose: those already ticked, their recent ones, and what matches
     * the words they searched for (no JavaScript needed: the search is a button in the same form).
     */
    async activityChoices(user: User, opts: { search: string; selected: readonly string[] }) {
      connectorScheme(user);
      const words = opts.search.trim().slice(0, 60);
      const selected = await signposting.activities(opts.selected);
      const recent = await signposting.activities(await signposting.recentActivityIds(user.id));
      const found: ActivityChoice[] = words.length >= 2 ? await signposting.searchActivities(words) : [];
      return { selected, recent, found, searched: words };
    },

    async find(user: User, id: string) {
      return ownRecent(user, id);
    },

    async record(user: User, input: ConversationInput): Promise<string> {
      const schemeId = connectorScheme(user);
      await check(input);
      return db.transaction(async (tx) => {
        const id = await signposting.insert({ ...input, schemeId, connectorId: user.id }, clock.now(), tx);
        if (id === null) return 'already-recorded'; // the same form posted again
        await audit.record({ actorId: user.id, action: 'signposting.recorded', subjectType: 'signposting_conversation', subjectId: id }, tx);
        return id;
      });
    },

    async correct(user: User, id: string, input: ConversationInput) {
      await ownRecent(user, id);
      await check(input);
      await db.transaction(async (tx) => {
        await signposting.update(id, input, clock.now(), tx);
        await audit.record({ actorId: user.id, action: 'signposting.corrected', subjectType: 'signposting_conversation', subjectId: id }, tx);
      });
    },

    async remove(user: User, id: string) {
      await ownRecent(user, id);
      await db.transaction(async (tx) => {
        await signposting.delete(id, tx);
        await audit.record({ actorId: user.id, action: 'signposting.deleted', subjectType: 'signposting_conversation', subjectId: id }, tx);
      });
    },

    /**
     * Counts for a coordinator's scheme, or a connector's own conversations, over whole months. An open
     * start is the scheme's first month with a conversation; an open end is this month.
     */
    async counts(user: User, query: CountsQuery): Promise<{ counts: SignpostingCounts; from: number; to: number; own: boolean }> {
      const schemeId = schemeOf(user);
      const own = user.role === 'connector';
      const rows = await signposting.facts(schemeId, own ? user.id : null);
      const facts: SignpostingFact[] = rows.map((r) => ({
        connectorId: r.connectorId,
        infoPoint: r.infoPoint,
        needs: r.needs,
        referral: r.referral,
        month: monthOf(r.heldOn),
      }));
      const thisMonth = monthOf(today());
      const to = query.to ? monthNumber(query.to) : thisMonth;
      const first = facts.reduce((m, f) => Math.min(m, f.month), thisMonth);
      const from = query.from ? monthNumber(query.from) : Math.min(first, to);
      const connectors = own ? [] : await signposting.connectors(schemeId);
      const counts = signpostingCounts(facts, { months: [from, to], connectorId: own ? user.id : undefined, connectors, monthLabel });
      return { counts, from, to, own };
    },

    /**
     * Who is on duty: the scheme's shifts from today for DUTY_DAYS days, and the information points'
     * meetings and opening hours in that time, each with the shifts booked at it (connectors book here).
     */
    async duty(user: User) {
      const schemeId = schemeOf(user);
      const start = londonInstant(today(), '00:00');
      const end = londonInstant(addDays(today(), DUTY_DAYS), '00:00');
      const shifts = await signposting.shifts(schemeId, start, end);
      const connectors = user.role === 'coordinator' ? await signposting.connectors(schemeId) : [];
      const now = clock.now();
      const pointTimes = (await points.ofScheme(schemeId))
        .flatMap((point) =>
          nextPointTimes(point, now, 40)
            .filter((o) => o.start < end)
            .map((o) => ({
              point: { id: point.id, name: point.name, kind: point.kind },
              start: o.start,
              end: o.end,
              shifts: shifts.filter((s) => s.informationPointId === point.id && s.startsAt < o.end && s.endsAt > o.start),
            })),
        )
        .sort((a, b) => a.start.getTime() - b.start.getTime() || a.point.name.localeCompare(b.point.name));
      return { shifts, now, connectors, pointTimes };
    },

    /** The scheme's information points, for the coordinator's "Schedule a shift" choice. */
    async pointsOf(user: User) {
      return points.ofScheme(coordinatorScheme(user));
    },

    /**
     * A connector books themselves at one of a point's meetings or opening hours in the coming weeks
     * (the Heritage Café on a Saturday, the phone line on a Monday morning), showing their first name to
     * the public or only "a Heritage Connector".
     */
    async bookAtPoint(user: User, pointId: string, input: BookingInput): Promise<string> {
      const schemeId = connectorScheme(user);
      const point = await points.find(pointId);
      if (!point || point.schemeId !== schemeId) throw new NotFound('Information point');
      const now = clock.now();
      const end = londonInstant(addDays(today(), DUTY_DAYS), '00:00');
      const time = nextPointTimes(point, now, 40).find((o) => o.start.getTime() === input.startsAt.getTime() && o.start < end);
      if (!time) throw new ValidationFailed([{ field: 'startsAt', message: `${point.name} is not open then. Choose one of its times below` }]);
      return db.transaction(async (tx) => {
        if (await signposting.hasShiftAt(point.id, user.id, time.start, time.end, tx)) {
          throw new ValidationFailed([{ field: 'startsAt', message: 'You are already on duty then' }]);
        }
        const id = await signposting.insertShift(
          {
            schemeId,
            infoPoint: point.kind,
            place: point.name,
            startsAt: time.start,
            endsAt: time.end,
            connectorId: user.id,
            createdBy: user.id,
            informationPointId: point.id,
            showFirstName: input.showFirstName,
          },
          now,
          tx,
        );
        await audit.record({ actorId: user.id, action: 'connector_shift.booked', subjectType: 'connector_shift', subjectId: id }, tx);
        return id;
      });
    },

    async connectorsOf(user: User) {
      return signposting.connectors(coordinatorScheme(user));
    },

    async scheduleShift(user: User, input: ShiftInput): Promise<string> {
      const schemeId = coordinatorScheme(user);
      const problems: { field: string; message: string }[] = [];
      if (input.date < today()) problems.push({ field: 'date', message: 'The date of the shift must be today or in the future' });
      if (input.endTime <= input.startTime) problems.push({ field: 'endTime', message: 'The end time must be after the start time' });
      if (input.connectorId && !(await signposting.connectors(schemeId)).some((c) => c.id === input.connectorId)) {
        problems.push({ field: 'connectorId', message: 'Choose a connector from the list' });
      }
      let point: InformationPoint | undefined;
      if (UUID.test(input.infoPoint)) {
        point = await points.find(input.infoPoint);
        if (!point || point.schemeId !== schemeId) problems.push({ field: 'infoPoint', message: 'Choose the information point' });
      }
      if (problems.length > 0) throw new ValidationFailed(problems);
      return db.transaction(async (tx) => {
        const id = await signposting.insertShift(
          {
            schemeId,
            infoPoint: point?.kind ?? input.infoPoint,
            place: input.place || point?.name || '',
            informationPointId: point?.id ?? null,
            startsAt: londonInstant(input.date, input.startTime),
            endsAt: londonInstant(input.date, input.endTime),
            connectorId: input.connectorId,
            createdBy: user.id,
          },
          clock.now(),
          tx,
        );
        await audit.record({ actorId: user.id, action: 'connector_shift.scheduled', subjectType: 'connector_shift', subjectId: id }, tx);
        return id;
      });
    },

    /** A connector signs up to an open shift of their scheme that has not ended. */
    async takeShift(user: User, id: string) {
      const schemeId = connectorScheme(user);
      const shift = await signposting.shift(id);
      if (!shift || shift.schemeId !== schemeId) throw new NotFound('Shift');
      if (shift.endsAt <= clock.now()) throw new ValidationFailed([{ field: 'shift', message: 'This shift has ended' }]);
      await db.transaction(async (tx) => {
        if (!(await signposting.takeShift(id, user.id, tx)))
          throw new ValidationFailed([{ field: 'shift', message: 'Someone has already signed up to this shift' }]);
        await audit.record({ actorId: user.id, action: 'connector_shift.taken', subjectType: 'connector_shift', subjectId: id }, tx);
      });
    },

    /** A connector gives up their own shift, which becomes open again. */
    async releaseShift(user: User, id: string) {
      const schemeId = connectorScheme(user);
      const shift = await signposting.shift(id);
      if (!shift || shift.schemeId !== schemeId) throw new NotFound('Shift');
      await db.transaction(async (tx) => {
        if (!(await signposting.releaseShift(id, user.id, tx))) throw new ValidationFailed([{ field: 'shift', message: 'This is not your shift' }]);
        await audit.record({ actorId: user.id, action: 'connector_shift.released', subjectType: 'connector_shift', subjectId: id }, tx);
      });
    },

    async removeShift(user: User, id: string) {
      const schemeId = coordinatorScheme(user);
      const shift = await signposting.shift(id);
      if (!shift || shift.schemeId !== schemeId) throw new NotFound('Shift');
      await db.transaction(async (tx) => {
        await signposting.deleteShift(id, tx);
        await audit.record({ actorId: user.id, action: 'connector_shift.deleted', subjectType: 'connector_shift', subjectId: id }, tx);
      });
    },
  };
}

export type SignpostingService = ReturnType<typeof createSignpostingService>;
