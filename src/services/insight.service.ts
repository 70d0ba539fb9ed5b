import type { InsightRepository } from '../data/repositories/insight.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { GAP_RULES, QUINTILES, quintileOf } from '../domain/deprivation.ts';
import { freshnessCutoff } from '../domain/directory.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { type ReachFact, type ReachStage, type ReachTable, reachTables } from '../domain/reach.ts';
import { monthName } from '../domain/report-period.ts';
import { bankHolidayClosures, sessionWindow } from '../domain/session-window.ts';
import { londonDate, londonInstant } from '../domain/schedule.ts';
import { milesToMetres } from '../domain/search.ts';
import type { User } from '../domain/user.ts';
import { type FlowFact, flowRows } from '../domain/referral-flows.ts';
import { replyStats } from './reply-stats.service.ts';

/**
 * Provision, need and reach (issue 12, decision 044) for coordinators (their scheme), commissioners
 * (their scheme, or all England when they have none) and administrators (any scheme or all England).
 * Everything is aggregate; reach counts are released by the outcome reports' rule.
 */
export type InsightScope = { schemeId: string | null; fixed: boolean };
export type InsightQuery = { scheme?: string; miles?: number; provider?: string; route?: string };

const PER = 10_000;
const ROUTES = [
  { code: 'link_worker', label: 'GP or link worker' },
  { code: 'self', label: 'Self-referral' },
  { code: 'connector', label: 'Community connector' },
] as const;
export const REACH_ROUTES = ROUTES;
const routeLabel = (code: string) => ROUTES.find((r) => r.code === code)?.label ?? code;
/** Referral flows' order: all referrals, then each route's, then each referrer's. */
const rank = (f: { route: string; referrer: string }) => (f.referrer ? 2 : f.route ? 1 : 0);

export function createInsightService(deps: { insight: InsightRepository; clock: Clock }) {
  const { insight, clock } = deps;

  function scopeOf(user: User, schemeId: string | undefined): InsightScope {
    if (user.role === 'admin') return { schemeId: schemeId ?? null, fixed: false };
    if (user.role !== 'coordinator' && user.role !== 'commissioner') throw new Forbidden();
    if (user.schemeId) {
      if (schemeId && schemeId !== user.schemeId) throw new NotFound('Scheme');
      return { schemeId: user.schemeId, fixed: true };
    }
    if (user.role === 'coordinator') throw new Forbidden('You are not part of a scheme yet.');
    return { schemeId: schemeId ?? null, fixed: false };
  }

  async function checkScheme(scope: InsightScope) {
    if (scope.schemeId && !(await insight.schemes()).some((s) => s.id === scope.schemeId)) throw new NotFound('Scheme');
  }

  /** The next 12 months from today (London), as month keys "YYYY-MM". */
  function nextTwelveMonths(): { key: string; label: string }[] {
    const today = londonDate(clock.now());
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7));
    return Array.from({ length: 12 }, (_, i) => {
      const month = ((m - 1 + i) % 12) + 1;
      const year = y + Math.floor((m - 1 + i) / 12);
      return { key: `${year}-${String(month).padStart(2, '0')}`, label: monthName({ year, month }) };
    });
  }

  /** The 12 whole months before this one (London), as instants [from, to) and month labels. */
  function lastTwelveMonths() {
    const today = londonDate(clock.now());
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7));
    const fromMonth = { year: y - 1, month: m };
    const from = londonInstant(`${fromMonth.year}-${String(fromMonth.month).padStart(2, '0')}-01`, '00:00');
    const to = londonInstant(`${y}-${String(m).padStart(2, '0')}-01`, '00:00');
    const lastMonth = m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
    return { from, to, fromMonth, lastMonth };
  }

  return {
    scopeOf,
    schemes: () => insight.schemes(),
    status: () => insight.status(),

    /** Live listings and their sessions in the next 12 months, per 10,000 people, by local authority and by IMD decile; sessions by month and area. */
    async coverage(user: User, q: InsightQuery) {
      const scope = scopeOf(user, q.scheme);
      await checkScheme(scope);
      const now = clock.now();
      const codes = await insight.areaCodes(scope.schemeId);
      const [lsoas, live, names] = await Promise.all([
        insight.areaLsoas(codes),
        insight.liveActivities(codes, freshnessCutoff(now)),
        insight.localAuthorities(),
      ]);
      const nameOf = new Map(names.map((n) => [n.code, n.name]));
      const months = nextTwelveMonths();
      const monthIndex = new Map(months.map((m, i) => [m.key, i]));
      const counts = await insight.sessionCounts(
        codes,
        freshnessCutoff(now),
        sessionWindow(now, months.at(-1)!.key),
        bankHolidayClosures(Number(months[0]!.key.slice(0, 4)), Number(months.at(-1)!.key.slice(0, 4))),
      );
      const area = new Map<string, { code: string; name: string; population: number; activities: number; sessions: number; perMonth: number[] }>();
      const decile = new Map<number, { population: number; activities: number; sessions: number }>();
      for (let d = 1; d <= 10; d++) decile.set(d, { population: 0, activities: 0, sessions: 0 });
      const areaOf = (code: string, fallback: string) => {
        let a = area.get(code);
        if (!a) {
          a = { code, name: nameOf.get(code) ?? fallback, population: 0, activities: 0, sessions: 0, perMonth: months.map(() => 0) };
          area.set(code, a);
        }
        return a;
      };
      for (const l of lsoas) {
        areaOf(l.ladCode, l.ladName).population += l.population;
        decile.get(l.decile)!.population += l.population;
      }
      for (const a of live.activities) {
        areaOf(a.ladCode, a.ladCode).activities++;
        decile.get(a.decile)!.activities++;
      }
      for (const c of counts) {
        const i = monthIndex.get(c.month);
        if (i === undefined) continue;
        const ar = areaOf(c.ladCode, c.ladCode);
        ar.sessions += c.sessions;
        ar.perMonth[i]! += c.sessions;
        decile.get(c.decile)!.sessions += c.sessions;
      }
      const rate = (n: number, people: number) => (people > 0 ? (n / people) * PER : null);
      const areas = [...area.values()].sort((x, y) => x.name.localeCompare(y.name));
      const outlines = await insight.outlines(areas.map((a) => a.code));
      return {
        scope,
        months,
        unplaced: live.unplaced,
        /** Local authority outlines for the map; `loaded` is false when no boundaries are imported. */
        outlines,
        byArea: areas.map((a) => ({ ...a, activitiesPer10k: rate(a.activities, a.population), sessionsPer10k: rate(a.sessions, a.population) })),
        byDecile: [...decile.entries()].map(([d, v]) => ({
          decile: d,
          ...v,
          activitiesPer10k: rate(v.activities, v.population),
          sessionsPer10k: rate(v.sessions, v.population),
        })),
        seasonality: areas.map((a) => ({ code: a.code, name: a.name, perMonth: a.perMonth, total: a.sessions })),
      };
    },

    /** Core20 neighbourhoods with no accessible, low-cost live listing within the distance, most people first, with heritage nearby that has nothing organised. */
    async gaps(user: User, q: InsightQuery, opts: { heritageFor?: number } = {}) {
      const scope = scopeOf(user, q.scheme);
      await checkScheme(scope);
      const miles = q.miles ?? GAP_RULES.defaultMiles;
      const distance = { metres: milesToMetres(miles), ruralMetres: milesToMetres(GAP_RULES.ruralMiles) };
      const cutoff = freshnessCutoff(clock.now());
      const area = await insight.areaCodes(scope.schemeId);
      const [rows, names, status] = await Promise.all([insight.gaps(area, distance, cutoff), insight.localAuthorities(), insight.status()]);
      const shown = rows.slice(0, opts.heritageFor ?? rows.length);
      const heritage = new Map(
        (
          await insight.unorganisedHeritage(
            shown.map((r) => r.code),
            distance,
            cutoff,
          )
        ).map((h) => [h.code, h]),
      );
      const nameOf = new Map(names.map((n) => [n.code, n.name]));
      return {
        scope,
        miles,
        ruralMiles: GAP_RULES.ruralMiles,
        /** Neighbourhoods with a rural–urban class; 0 when the classification is not loaded. */
        ruralUrbanLoaded: status.ruralUrban > 0,
        people: rows.reduce((s, r) => s + r.population, 0),
        rows: rows.map((r) => ({ ...r, ladName: nameOf.get(r.ladCode) ?? r.ladName, heritage: heritage.get(r.code) ?? null })),
      };
    },

    /** Reach by IMD quintile for referrals sent in the 12 whole months before this one. */
    async reach(user: User, q: InsightQuery) {
      const scope = scopeOf(user, q.scheme);
      await checkScheme(scope);
      const { from, to, fromMonth, lastMonth } = lastTwelveMonths();
      const [rows, lsoas] = await Promise.all([insight.reachRows(scope.schemeId, from, to), insight.areaCodes(scope.schemeId).then(insight.areaLsoas)]);
      const facts: ReachFact[] = rows.map((r) => {
        const stages: ReachStage[] = ['referred'];
        if (r.started) stages.push('started');
        if (r.completed) stages.push('completed');
        if (r.improved) stages.push('improved');
        return { schemeId: r.schemeId, providerId: r.providerId, route: r.route, quintile: r.decile === null ? null : quintileOf(r.decile), stages, n: r.n };
      });
      const population = new Map<number, number>(QUINTILES.map((qn) => [qn, 0]));
      for (const l of lsoas) population.set(quintileOf(l.decile), (population.get(quintileOf(l.decile)) ?? 0) + l.population);
      const providers = [...new Map(rows.map((r) => [r.providerId, r.providerName])).entries()]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      if (q.provider && !providers.some((p) => p.id === q.provider)) throw new NotFound('Provider');
      const tables: ReachTable[] = reachTables(facts, { schemeId: scope.schemeId ?? undefined, providerId: q.provider, route: q.route }, population);
      return { scope, period: { from: monthName(fromMonth), to: monthName(lastMonth) }, providers, routes: ROUTES, tables };
    },

    /**
     * Referral flows for referrals sent in the 12 whole months before this one: referring organisation (or the route
     * when none is recorded) to provider, with acceptance, decline reasons and reply times; counts released as reach's.
     */
    async flows(user: User, q: InsightQuery) {
      const scope = scopeOf(user, q.scheme);
      await checkScheme(scope);
      const { from, to, fromMonth, lastMonth } = lastTwelveMonths();
      const now = clock.now();
      const rows = await insight.flowRows(scope.schemeId, from, to);
      const referrerOf = (r: (typeof rows)[number]) => r.referrerId ?? `route:${r.route}`;
      const facts: FlowFact[] = rows.map((r) => ({
        schemeId: r.schemeId,
        referrer: referrerOf(r),
        route: r.route,
        providerId: r.providerId,
        accepted: r.accepted,
        declineReason: r.declineReason,
      }));
      // The referrals behind each row, for reply times: every row's key ('' for "all").
      const sent = new Map<string, typeof rows>();
      for (const r of rows)
        for (const route of ['', r.route])
          for (const key of [`${route}||`, `${route}|${referrerOf(r)}|${r.providerId}`]) sent.set(key, [...(sent.get(key) ?? []), r]);
      const replies = (route: string, referrer: string, providerId: string) => {
        const behind = sent.get(`${route}|${referrer}|${providerId}`) ?? [];
        return { replies: behind.filter((r) => r.respondedAt).length, medianWorkingDays: replyStats(behind, now).medianWorkingDays };
      };
      const names = new Map<string, string>();
      for (const r of rows) {
        names.set(r.providerId, r.providerName);
        names.set(referrerOf(r), r.referrerName ?? `${routeLabel(r.route)} (no referring organisation recorded)`);
      }
      const flows = flowRows(facts, { ...(scope.schemeId ? { schemeId: scope.schemeId } : {}), ...(q.route ? { route: q.route } : {}) }, replies)
        .map((f) => ({
          ...f,
          routeName: f.route ? routeLabel(f.route) : 'All routes',
          referrerName: f.referrer ? names.get(f.referrer)! : 'All referrers',
          providerName: f.providerId ? names.get(f.providerId)! : 'All providers',
        }))
        .sort(
          (a, b) =>
            rank(a) - rank(b) ||
            a.referrerName.localeCompare(b.referrerName) ||
            a.routeName.localeCompare(b.routeName) ||
            a.providerName.localeCompare(b.providerName),
        );
      return { scope, period: { from: monthName(fromMonth), to: monthName(lastMonth) }, rows: flows };
    },

    async localAuthorityChoices(user: User, schemeId: string | undefined) {
      const scope = scopeOf(user, schemeId);
      if (user.role === 'commissioner') throw new Forbidden();
      if (!scope.schemeId) throw new NotFound('Scheme');
      await checkScheme(scope);
      const [all, chosen] = await Promise.all([insight.localAuthorities(), insight.schemeLocalAuthorities(scope.schemeId)]);
      return { schemeId: scope.schemeId, all, chosen };
    },

    /** A coordinator (their scheme) or an administrator sets a scheme's local authorities. */
    async setLocalAuthorities(user: User, schemeId: string | undefined, codes: readonly string[]) {
      const { schemeId: id, all } = await this.localAuthorityChoices(user, schemeId);
      const known = new Set(all.map((a) => a.code));
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length > 0) throw new ValidationFailed([{ field: 'localAuthorities', message: 'Choose local authorities from the list' }]);
      await insight.setSchemeLocalAuthorities(id, [...new Set(codes)]);
    },
  };
}

export type InsightService = ReturnType<typeof createInsightService>;
