import type { Db } from '../database.ts';
import type { FundingInput, FundingOpportunity, FundingPurpose } from '../../domain/funding.ts';

type Row = {
  id: string;
  funder: string;
  programme: string;
  funds: FundingPurpose[];
  summary: string;
  amount_min_pounds: number | null;
  amount_max_pounds: number | null;
  eligibility: string;
  areas: string[];
  deadline: string | null;
  link: string;
};
const toOpportunity = (r: Row): FundingOpportunity => ({
  id: r.id,
  funder: r.funder,
  programme: r.programme,
  funds: r.funds,
  summary: r.summary,
  amountMinPounds: r.amount_min_pounds,
  amountMaxPounds: r.amount_max_pounds,
  eligibility: r.eligibility,
  areas: r.areas,
  deadline: r.deadline,
  link: r.link,
});

export type FundingFilter = { fromDate?: string; toDate?: string; area?: string; funds?: FundingPurpose; includeRolling?: boolean };

/** Funding opportunities, providers' reminder subscriptions and the reminders sent (decision 047). */
export function createFundingRepository(db: Db) {
  return {
    /** Deadline on or after `fromDate` (and on or before `toDate`), or rolling; an area matches by words or "England"/"UK"/"national". */
    async list(filter: FundingFilter, tx: Db = db): Promise<FundingOpportunity[]> {
      const rows = await tx.query<Row>(
        `select * from funding_opportunities f
         where ($1::date is null or f.deadline >= $1::date or (f.deadline is null and $4::boolean))
           and ($2::date is null or f.deadline <= $2::date)
           and ($3::text is null or exists (select 1 from unnest(f.areas) a where a ilike '%' || $3 || '%' or $3 ilike '%' || a || '%' or lower(a) in ('england', 'uk', 'united kingdom', 'national', 'anywhere')))
           and ($5::text is null or $5 = any(f.funds))
         order by f.deadline nulls last, f.funder, f.programme`,
        [filter.fromDate ?? null, filter.toDate ?? null, filter.area?.trim() || null, filter.includeRolling ?? true, filter.funds ?? null],
      );
      return rows.map(toOpportunity);
    },

    /** 360Giving grants for heritage or wellbeing work whose beneficiary location matches the area (name or code), newest first. */
    async pastAwardsNear(area: string, words: readonly string[], limit: number, tx: Db = db) {
      return tx.query<{
        title: string;
        recipientName: string;
        funderName: string;
        amountAwarded: number;
        currency: string;
        awardDate: string;
        locations: string[];
      }>(
        `select title, recipient_name as "recipientName", funder_name as "funderName", amount_awarded::float8 as "amountAwarded", currency,
           award_date as "awardDate", location_names as locations
         from past_awards
         where (exists (select 1 from unnest(location_names) n where n ilike '%' || $1 || '%') or upper($1) = any(location_codes))
           and (title || ' ' || description || ' ' || recipient_name) ilike any (select '%' || w || '%' from unnest($2::text[]) w)
         order by award_date desc, identifier
         limit $3`,
        [area, words, limit],
      );
    },

    async insert(input: FundingInput, by: string, at: Date, tx: Db = db): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into funding_opportunities (funder, programme, funds, summary, amount_min_pounds, amount_max_pounds, eligibility, areas, deadline, link, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id`,
        [
          input.funder,
          input.programme,
          input.funds,
          input.summary,
          input.amountMinPounds,
          input.amountMaxPounds,
          input.eligibility,
          input.areas,
          input.deadline,
          input.link,
          by,
          at,
        ],
      );
      return row!.id;
    },

    async remove(id: string, tx: Db = db): Promise<boolean> {
      return (await tx.query<{ id: string }>('delete from funding_opportunities where id = $1 returning id', [id])).length > 0;
    },

    async isSubscribed(organisationId: string, tx: Db = db): Promise<boolean> {
      return (await tx.query('select 1 from funding_reminder_subscriptions where organisation_id = $1', [organisationId])).length > 0;
    },

    async setSubscribed(organisationId: string, on: boolean, by: string, at: Date, tx: Db = db) {
      if (on)
        await tx.query(
          'insert into funding_reminder_subscriptions (organisation_id, subscribed_by, subscribed_at) values ($1, $2, $3) on conflict do nothing',
          [organisationId, by, at],
        );
      else await tx.query('delete from funding_reminder_subscriptions where organisation_id = $1', [organisationId]);
    },

    /** Subscribed organisations and their staff's email addresses (enabled accounts). */
    async subscribers(tx: Db = db): Promise<{ organisationId: string; name: string; emails: string[] }[]> {
      return tx.query(
        `select s.organisation_id as "organisationId", o.name,
           coalesce(array_agg(u.email order by u.email) filter (where u.email is not null), '{}') as emails
         from funding_reminder_subscriptions s join organisations o on o.id = s.organisation_id and o.merged_into is null
         left join memberships m on m.organisation_id = s.organisation_id
         left join users u on u.id = m.user_id and u.disabled_at is null
         group by s.organisation_id, o.name`,
      );
    },

    /** Claims one reminder; false when it was already sent (so each is sent once however many processes run the job). */
    async claimReminder(opportunityId: string, organisationId: string, daysBefore: number, at: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(
        `insert into funding_reminders_sent (opportunity_id, organisation_id, days_before, sent_at) values ($1, $2, $3, $4) on conflict do nothing returning 1`,
        [opportunityId, organisationId, daysBefore, at],
      );
      return rows.length > 0;
    },
  };
}

export type FundingRepository = ReturnType<typeof createFundingRepository>;
