import type { Db } from '../database.ts';
import type { InstrumentCode } from '../../domain/instruments/instrument.ts';
import type { PairRow } from '../../domain/outcome-report.ts';

/** What a report covers. Services narrow it to what the user may see before it gets here. */
export type OutcomeFilter = {
  schemeId?: string | undefined;
  providerOrganisationIds?: readonly string[] | undefined;
  activityId?: string | undefined;
  /** Referral dates, inclusive, 'YYYY-MM-DD'. */
  from?: string | undefined;
  to?: string | undefined;
  compare: 'end' | 'follow_up';
};

export type GroupCellRow = {
  scheme: string;
  provider: string;
  activity: string;
  month: string;
  instrument: InstrumentCode;
  measureIndex: number;
  hasBaseline: boolean;
  hasEnd: boolean;
  hasFollowUp: boolean;
  n: number;
};

/** Builds "and …" conditions over columns named by `cols`, numbering parameters from `start`. */
function conditions(f: OutcomeFilter, cols: { scheme: string; provider: string; activity: string; date: string }, start: number) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${start + params.length - 1}`));
  };
  if (f.schemeId) add(`${cols.scheme} = ?`, f.schemeId);
  if (f.providerOrganisationIds) add(`${cols.provider} = any(?::uuid[])`, f.providerOrganisationIds);
  if (f.activityId) add(`${cols.activity} = ?`, f.activityId);
  if (f.from) add(`${cols.date} >= ?::date`, f.from);
  if (f.to) add(`${cols.date} <= ?::date`, f.to);
  return { sql: where.map((w) => ` and ${w}`).join(''), params };
}

const withPrefix = (p: string) => ({ scheme: `${p}scheme_id`, provider: `${p}provider_organisation_id`, activity: `${p}activity_id`, date: `${p}referred_on` });
const REFERRAL_COLS = {
  scheme: 'r.scheme_id',
  provider: 'r.provider_organisation_id',
  activity: 'r.activity_id',
  date: `(coalesce(r.sent_at, r.created_at) at time zone 'Europe/London')::date`,
};

export function createOutcomeRepository(db: Db) {
  return {
    /**
     * Per measure, how many referrals had each (baseline score, later score) pair — a frequency table
     * of at most a few thousand rows whatever the number of people, so statistics need no raw rows.
     * Each later response is joined to the same referral's baseline for the same instrument (one row
     * each, by the unique key). `paired`: referrals with both, for the most-answered instrument.
     */
    async pairCounts(f: OutcomeFilter): Promise<{ rows: PairRow[]; paired: number }> {
      const c = conditions(f, withPrefix('e.'), 2);
      const rows = await db.transaction(async (tx) => {
        // Enough memory to hash a national report instead of sorting it on disk (this transaction only).
        await tx.query(`set local work_mem = '64MB'`);
        return tx.query<{ instrument: InstrumentCode; i: number; before: number | null; after: number | null; has_baseline: boolean; n: number }>(
          `select e.instrument, m.i::int as i, m.b as before, m.e as after, (b.id is not null) as has_baseline, count(*)::int as n
           from questionnaire_responses e
           left join questionnaire_responses b
             on b.referral_id = e.referral_id and b.instrument = e.instrument and b.time_point = 'baseline'
           cross join lateral unnest(b.scores, e.scores) with ordinality as m(b, e, i)
           where e.time_point = $1 ${c.sql}
           group by 1, 2, 3, 4, 5`,
          [f.compare, ...c.params],
        );
      });
      const pairedBy = new Map<string, number>();
      for (const r of rows) if (r.i === 1 && r.has_baseline) pairedBy.set(r.instrument, (pairedBy.get(r.instrument) ?? 0) + r.n);
      return {
        rows: rows
          .filter((r) => r.before !== null || r.after !== null)
          .map((r) => ({ instrument: r.instrument, measureIndex: r.i - 1, before: r.before, after: r.after, n: r.n })),
        paired: Math.max(0, ...pairedBy.values()),
      };
    },

    /**
     * Who is behind each measure's figures, counted by what a report could narrow them with (decision 012):
     * per area, provider, activity, month referred and measure, how many referrals had a baseline score and
     * an end score, a follow-up score, or both. Scores are not read here, only whether they exist.
     */
    async groupCells(f: OutcomeFilter): Promise<GroupCellRow[]> {
      const c = conditions({ ...f }, withPrefix('e.'), 1);
      return db.query<GroupCellRow>(
        `with per_referral as (
           select e.referral_id, e.scheme_id, e.provider_organisation_id, e.activity_id, to_char(e.referred_on, 'YYYY-MM') as month,
                  e.instrument, m.i::int as i,
                  bool_or(m.b is not null) as has_baseline,
                  bool_or(e.time_point = 'end' and m.e is not null) as has_end,
                  bool_or(e.time_point = 'follow_up' and m.e is not null) as has_follow_up
           from questionnaire_responses e
           left join questionnaire_responses b
             on b.referral_id = e.referral_id and b.instrument = e.instrument and b.time_point = 'baseline'
           cross join lateral unnest(b.scores, e.scores) with ordinality as m(b, e, i)
           where e.time_point in ('end', 'follow_up') ${c.sql}
           group by 1, 2, 3, 4, 5, 6, 7
         )
         select coalesce(scheme_id::text, '') as scheme, coalesce(provider_organisation_id::text, '') as provider,
                coalesce(activity_id::text, '') as activity, month, instrument, i - 1 as "measureIndex",
                has_baseline as "hasBaseline", has_end as "hasEnd", has_follow_up as "hasFollowUp", count(*)::int as n
         from per_referral
         where has_end or has_follow_up
         group by 1, 2, 3, 4, 5, 6, 7, 8, 9`,
        c.params,
      );
    },

    /** Referred (sent on) and started (attended at least once): referrals to activities, not to buddy schemes. */
    async counts(f: OutcomeFilter): Promise<{ referred: number; started: number }> {
      const c = conditions(f, REFERRAL_COLS, 1);
      const [refs] = await db.query<{ referred: number; started: number }>(
        `select count(*) filter (where r.status <> 'draft')::int as referred,
                count(*) filter (where r.status in ('attending', 'completed')
                  or (r.status = 'stopped' and exists (select 1 from attendance a where a.referral_id = r.id and a.attended)))::int as started
         from referrals r where r.target = 'activity' ${c.sql}`,
        c.params,
      );
      return { referred: refs?.referred ?? 0, started: refs?.started ?? 0 };
    },

    /** Choices for the report's filters, within what the user may see. */
    async filterOptions(scope: { schemeId?: string | undefined; providerOrganisationIds?: readonly string[] | undefined }) {
      const schemes = await db.query<{ id: string; name: string; area: string }>(
        `select id, name, area from schemes ${scope.schemeId ? 'where id = $1' : ''} order by area`,
        scope.schemeId ? [scope.schemeId] : [],
      );
      const orgWhere: string[] = [`o.kind = 'provider'`, `o.status = 'approved'`];
      const params: unknown[] = [];
      if (scope.schemeId) {
        params.push(scope.schemeId);
        orgWhere.push(`o.scheme_id = $${params.length}`);
      }
      if (scope.providerOrganisationIds) {
        params.push(scope.providerOrganisationIds);
        orgWhere.push(`o.id = any($${params.length}::uuid[])`);
      }
      const providers = await db.query<{ id: string; name: string }>(
        `select o.id, o.name from organisations o where ${orgWhere.join(' and ')} order by o.name limit 1000`,
        params,
      );
      const activities = await db.query<{ id: string; title: string; organisationId: string }>(
        `select a.id, a.title, a.organisation_id as "organisationId" from activities a join organisations o on o.id = a.organisation_id
         where ${orgWhere.join(' and ')} and a.status in ('live', 'withdrawn') order by a.title limit 1000`,
        params,
      );
      return { schemes, providers, activities };
    },
  };
}

export type OutcomeRepository = ReturnType<typeof createOutcomeRepository>;
