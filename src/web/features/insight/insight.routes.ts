import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../services.ts';
import type { User } from '../../../domain/user.ts';
import { GAP_RULES } from '../../../domain/deprivation.ts';
import { countOf } from '../../../domain/plural.ts';
import { asArray, handleForm, parseForm, parseOrFail } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { gapsBlock, outcomeBlock, reachBlock, volunteeringBlock } from './dashboard.view-model.ts';
import { areaForm, csvQuery, insightQuery } from './insight.query.ts';
import { REACH_ROUTES } from '../../../services/insight.service.ts';
import { coverageMap, coverageTables, flowsTable, gapsTable, REACH_HOW, reachTables, type Table, tablesCsv } from './insight.view-model.ts';

type Query = { Querystring: Record<string, string | undefined> };
const VIEW = 'features/insight/insight.njk';
const AREA_VIEW = 'features/insight/area.njk';
const FLOWS_VIEW = 'features/insight/flows.njk';
const DASHBOARD_VIEW = 'features/insight/dashboard.njk';
const DASHBOARD_GAPS = 5;
const GAPS_ON_PAGE = 50;
const GAPS_IN_CSV = 500;

/** Provision, need and reach (issue 12, decision 044): aggregate figures only. */
export async function registerInsightRoutes(app: FastifyInstance, services: Services) {
  const { insight } = services;

  async function tables(user: User, q: ReturnType<typeof insightQuery.parse>, table: string | null, gapLimit: number): Promise<Table[]> {
    const out: Table[] = [];
    if (!table || table.startsWith('coverage') || table === 'seasonality') {
      const c = coverageTables(await insight.coverage(user, q));
      out.push(...c.filter((t) => !table || t.key === table));
    }
    if (!table || table === 'gaps') out.push(gapsTable(await insight.gaps(user, q, { heritageFor: gapLimit }), gapLimit));
    if (!table || table === 'reach') {
      const r = await insight.reach(user, q);
      out.push(...reachTables(r).map((t) => ({ ...t, how: `${t.how} ${REACH_HOW} Referrals sent from ${r.period.from} to ${r.period.to}.` })));
    }
    if (!table || table === 'referral-flows') out.push(flowsTable(await insight.flows(user, q)));
    return out;
  }

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'commissioner', 'admin'));

    scope.get<Query>(paths.insight.home, async (request, reply) => {
      const user = request.user!;
      const raw = request.query ?? {};
      const values = { scheme: str(raw.scheme), miles: str(raw.miles) || String(GAP_RULES.defaultMiles), provider: str(raw.provider), route: str(raw.route) };
      const parsed = parseForm(insightQuery, raw);
      const scope = insight.scopeOf(user, parsed.ok ? parsed.data.scheme : undefined);
      const [status, schemes] = await Promise.all([insight.status(), scope.fixed ? Promise.resolve([]) : insight.schemes()]);
      const page = {
        pageTitle: 'Provision, need and reach',
        values,
        schemes,
        fixedScheme: scope.fixed,
        canEditArea: user.role !== 'commissioner' && Boolean(scope.schemeId),
        status,
        areaHref: user.role === 'admin' && scope.schemeId ? `${paths.insight.area}?${new URLSearchParams({ scheme: scope.schemeId })}` : paths.insight.area,
        schemeItems: [{ value: '', text: 'All England' }, ...schemes.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.scheme }))],
        milesItems: GAP_RULES.miles.map((m) => ({ value: String(m), text: countOf(m, 'mile'), selected: String(m) === values.miles })),
        providerItems: [{ value: '', text: 'All providers' }],
        routeItems: [{ value: '', text: 'All routes' }],
      };
      if (!parsed.ok) return reply.status(422).view(VIEW, { ...page, errors: parsed.errors, fieldErrors: parsed.fieldErrors });
      if (status.lsoas === 0) return reply.view(VIEW, { ...page, fieldErrors: {} });
      const q = parsed.data;
      // For all England, provision counts every listing's session dates and reach weighs every referral
      // against the release rule (decision 044, docs/benchmarks.md): worked out when asked for, not on every visit.
      const englandAsked = scope.schemeId !== null || raw.england === 'all';
      const [coverage, gaps, reach] = await Promise.all([
        englandAsked ? insight.coverage(user, q) : null,
        insight.gaps(user, q, { heritageFor: GAPS_ON_PAGE }),
        englandAsked ? insight.reach(user, q) : null,
      ]);
      const all = [...(coverage ? coverageTables(coverage) : []), gapsTable(gaps, GAPS_ON_PAGE), ...(reach ? reachTables(reach) : [])];
      const csvHref = (table: string) =>
        `${paths.insight.csv}?${new URLSearchParams(Object.entries({ ...values, table }).filter(([, v]) => v !== '') as [string, string][])}`;
      return reply.view(VIEW, {
        ...page,
        fieldErrors: {},
        providerItems: [
          { value: '', text: 'All providers' },
          ...(reach?.providers ?? []).map((p) => ({ value: p.id, text: p.name, selected: p.id === values.provider })),
        ],
        routeItems: [{ value: '', text: 'All routes' }, ...REACH_ROUTES.map((r) => ({ value: r.code, text: r.label, selected: r.code === values.route }))],
        period: reach?.period,
        englandAsked,
        englandAll: raw.england === 'all',
        englandAllHref: `${paths.insight.home}?${new URLSearchParams(Object.entries({ ...values, england: 'all' }).filter(([, v]) => v !== '') as [string, string][])}`,
        coverage: all.filter((t) => t.key.startsWith('coverage')),
        coverageMap: coverage ? coverageMap(coverage) : null,
        seasonality: all.find((t) => t.key === 'seasonality'),
        gaps: all.find((t) => t.key === 'gaps'),
        reach: all.filter((t) => t.key.startsWith('reach')),
        reachHow: REACH_HOW,
        flowsHref: scope.schemeId && !scope.fixed ? `${paths.insight.flows}?${new URLSearchParams({ scheme: scope.schemeId })}` : paths.insight.flows,
        done: raw.done === 'area',
        csv: {
          coverageAreas: csvHref('coverage-areas'),
          coverageDeciles: csvHref('coverage-deciles'),
          seasonality: csvHref('seasonality'),
          gaps: csvHref('gaps'),
          reach: csvHref('reach'),
        },
      });
    });

    scope.get<Query>(paths.insight.dashboard, async (request, reply) => {
      const user = request.user!;
      const raw = request.query ?? {};
      const parsed = parseForm(insightQuery.pick({ scheme: true }), raw);
      const scope = insight.scopeOf(user, parsed.ok ? parsed.data.scheme : undefined);
      const schemes = scope.fixed ? [] : await insight.schemes();
      const page = {
        pageTitle: 'Commissioner dashboard',
        fixedScheme: scope.fixed,
        schemeItems: [
          { value: '', text: 'All England' },
          ...schemes.map((s) => ({ value: s.id, text: s.name, selected: s.id === (parsed.ok ? parsed.data.scheme : undefined) })),
        ],
      };
      if (!parsed.ok) return reply.status(422).view(DASHBOARD_VIEW, { ...page, errors: parsed.errors, fieldErrors: parsed.fieldErrors });
      const q = parsed.data;
      const withScheme = (href: string) => (scope.schemeId && !scope.fixed ? `${href}?${new URLSearchParams({ scheme: scope.schemeId })}` : href);
      const status = await insight.status();
      // Each block is a service's own published figures; reach for all England is worked out on /insight when asked for.
      const [outcomes, reach, volunteering, gaps] = await Promise.all([
        services.outcomeReports.report(user, { scheme: scope.fixed ? undefined : (scope.schemeId ?? undefined), compare: 'end' }),
        scope.schemeId ? insight.reach(user, q) : null,
        user.schemeId && user.role !== 'admin' ? services.volunteeringReport.counts(user, {}) : null,
        status.lsoas > 0 ? insight.gaps(user, q, { heritageFor: 0 }) : null,
      ]);
      return reply.view(DASHBOARD_VIEW, {
        ...page,
        fieldErrors: {},
        outcomes: outcomeBlock(outcomes.report),
        reach: reach ? { period: reach.period, ...reachBlock(reach) } : null,
        volunteering: volunteering ? volunteeringBlock(volunteering) : null,
        gaps: gaps ? gapsBlock(gaps, DASHBOARD_GAPS) : null,
        links: {
          outcomes: scope.schemeId && !scope.fixed ? `${paths.reports.outcomes}?${new URLSearchParams({ scheme: scope.schemeId })}` : paths.reports.outcomes,
          insight: withScheme(paths.insight.home),
          flows: withScheme(paths.insight.flows),
          volunteering: user.role === 'coordinator' ? paths.reports.volunteering : null,
        },
      });
    });

    scope.get<Query>(paths.insight.flows, async (request, reply) => {
      const user = request.user!;
      const raw = request.query ?? {};
      const values = { scheme: str(raw.scheme), route: str(raw.route) };
      const parsed = parseForm(insightQuery.pick({ scheme: true, route: true }), raw);
      const scope = insight.scopeOf(user, parsed.ok ? parsed.data.scheme : undefined);
      const schemes = scope.fixed ? [] : await insight.schemes();
      const page = {
        pageTitle: 'Referral flows',
        fixedScheme: scope.fixed,
        schemeItems: [{ value: '', text: 'All England' }, ...schemes.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.scheme }))],
        routeItems: [{ value: '', text: 'All routes' }, ...REACH_ROUTES.map((r) => ({ value: r.code, text: r.label, selected: r.code === values.route }))],
      };
      if (!parsed.ok) return reply.status(422).view(FLOWS_VIEW, { ...page, errors: parsed.errors, fieldErrors: parsed.fieldErrors });
      const flows = await insight.flows(user, parsed.data);
      return reply.view(FLOWS_VIEW, {
        ...page,
        fieldErrors: {},
        period: flows.period,
        table: flowsTable(flows),
        csvHref: `${paths.insight.csv}?${new URLSearchParams(Object.entries({ ...values, table: 'referral-flows' }).filter(([, v]) => v !== '') as [string, string][])}`,
      });
    });

    scope.get<Query>(paths.insight.csv, async (request, reply) => {
      const q = parseOrFail(csvQuery, request.query ?? {});
      const { status } = { status: await insight.status() };
      // Referral flows need no deprivation data; the other tables do.
      const body =
        status.lsoas === 0
          ? tablesCsv(!q.table || q.table === 'referral-flows' ? [flowsTable(await insight.flows(request.user!, q))] : [])
          : tablesCsv(await tables(request.user!, q, q.table ?? null, GAPS_IN_CSV));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="waymark-insight-${q.table ?? 'all'}.csv"`)
        .send(body);
    });
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    const areaContext = async (user: User, schemeId: string | undefined, ticked?: string[]) => {
      const c = await insight.localAuthorityChoices(user, schemeId);
      const chosen = new Set(ticked ?? c.chosen);
      return {
        pageTitle: 'Your scheme’s local authorities',
        scheme: c.schemeId,
        items: c.all.map((a) => ({ value: a.code, text: a.name, checked: chosen.has(a.code) })),
        none: c.all.length === 0,
      };
    };

    const schemeParam = (v: unknown) => {
      const s = str(v);
      return s === '' ? undefined : parseOrFail(areaForm.pick({ scheme: true }), { scheme: s }).scheme;
    };

    scope.get<Query>(paths.insight.area, async (request, reply: FastifyReply) => {
      const schemeId = schemeParam(request.query?.scheme);
      if (request.user!.role === 'admin' && !schemeId) {
        const schemes = await insight.schemes();
        return reply.view(AREA_VIEW, {
          pageTitle: 'A scheme’s local authorities',
          schemes: schemes.map((s) => ({ name: s.name, href: `${paths.insight.area}?${new URLSearchParams({ scheme: s.id })}` })),
        });
      }
      return reply.view(AREA_VIEW, await areaContext(request.user!, schemeId));
    });

    scope.post(paths.insight.area, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const schemeId = schemeParam(body.scheme);
      return handleForm(request, reply, {
        schema: areaForm,
        handle: async (input) => {
          await insight.setLocalAuthorities(request.user!, schemeId, input.localAuthorities);
          return `${paths.insight.home}?${new URLSearchParams(schemeId && request.user!.role === 'admin' ? { scheme: schemeId, done: 'area' } : { done: 'area' })}`;
        },
        view: AREA_VIEW,
        context: async (values) => areaContext(request.user!, schemeId, asArray(values.localAuthorities)),
      });
    });
  });
}
