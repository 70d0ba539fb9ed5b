import type { Db, SqlRow } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Referral, ReferralRoute, ReferralStatus } from '../../domain/referral.ts';
import { HOLDS_A_PLACE, type ReferralTargetOf } from '../../domain/referral.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = SqlRow;
const date = (v: unknown) => (v == null ? null : new Date(v as string));

export const toReferral = (r: Row): Referral => ({
  id: r.id,
  participantId: r.participant_id,
  schemeId: r.scheme_id,
  target: r.target,
  activityId: r.activity_id,
  buddySchemeId: r.buddy_scheme_id ?? null,
  accompanyActivityId: r.accompany_activity_id ?? null,
  buddyPreference: r.buddy_preference ?? null,
  providerOrganisationId: r.provider_organisation_id,
  route: r.route,
  referrerId: r.referrer_id,
  referrerOrganisationId: r.referrer_organisation_id,
  status: r.status,
  statusReason: r.status_reason,
  supportNeeds: r.support_needs,
  message: r.message,
  firstVisitDate: r.first_visit_date,
  firstVisitBuddy: r.first_visit_buddy,
  firstVisitTransport: r.first_visit_transport,
  fundedPlace: r.funded_place,
  nextSteps: r.next_steps,
  sentAt: date(r.sent_at),
  responseDueAt: date(r.response_due_at),
  respondedAt: date(r.responded_at),
  remindedAt: date(r.reminded_at),
  escalatedAt: date(r.escalated_at),
  closedAt: date(r.closed_at),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** A referral with the facts access decisions and pages need about its person and activity. */
export type ReferralRecord = Referral & {
  participant: { schemeId: string; organisationId: string | null; caseworkerId: string | null; preferredName: string; teamSharesCaseload: boolean } | null;
  /** The activity's title, or for a buddy-scheme referral "<name> (buddy scheme)". */
  activityTitle: string | null;
  buddySchemeName: string | null;
  /** For a buddy-scheme referral: the activity the person would like company to go to, if named. */
  accompanyActivityTitle: string | null;
  providerName: string;
  referrerName: string | null;
};

const SELECT_RECORD = `select r.*, p.scheme_id as p_scheme_id, p.organisation_id as p_organisation_id, p.caseworker_id as p_caseworker_id,
    p.preferred_name as p_preferred_name, coalesce(po.share_caseload, false) as p_team_shares,
    ${REFERRAL_TARGET_TITLE} as activity_title, bs.name as buddy_scheme_name, aa.title as accompany_activity_title,
    o.name as provider_name, u.display_name as referrer_name
  from referrals r
  left join participants p on p.id = r.participant_id
  left join organisations po on po.id = p.organisation_id
  ${JOIN_REFERRAL_TARGET}
  left join activities aa on aa.id = r.accompany_activity_id
  join organisations o on o.id = r.provider_organisation_id
  left join users u on u.id = r.referrer_id`;

const toRecord = (r: Row): ReferralRecord => ({
  ...toReferral(r),
  participant: r.participant_id
    ? {
        schemeId: r.p_scheme_id,
        organisationId: r.p_organisation_id,
        caseworkerId: r.p_caseworker_id,
        preferredName: r.p_preferred_name,
        teamSharesCaseload: r.p_team_shares,
      }
    : null,
  activityTitle: r.activity_title,
  buddySchemeName: r.buddy_scheme_name,
  accompanyActivityTitle: r.accompany_activity_title,
  providerName: r.provider_name,
  referrerName: r.referrer_name,
});

/** To an activity (activityId), or to a buddy scheme (buddySchemeId, optionally naming the activity to go to). */
export type NewReferral = {
  participantId: string;
  schemeId: string;
  providerOrganisationId: string;
  route: ReferralRoute;
  target: { activityId: string } | { buddySchemeId: string; accompanyActivityId: string | null; buddyPreference?: 'woman' | 'man' | null };
  referrerId: string | null;
  referrerOrganisationId: string | null;
  supportNeeds: string;
  message: string;
  fundedPlace: boolean;
  idempotencyKey: string;
  now: Date;
};

export type StatusFields = Partial<{
  statusReason: string | null;
  sentAt: Date;
  respondedAt: Date;
  closedAt: Date;
  nextSteps: string[];
  firstVisitDate: string;
  firstVisitBuddy: string | null;
  firstVisitTransport: string | null;
  fundedPlace: boolean;
}>;

const FIELD_COLUMNS: Record<keyof StatusFields, string> = {
  statusReason: 'status_reason',
  sentAt: 'sent_at',
  respondedAt: 'responded_at',
  closedAt: 'closed_at',
  nextSteps: 'next_steps',
  firstVisitDate: 'first_visit_date',
  firstVisitBuddy: 'first_visit_buddy',
  firstVisitTransport: 'first_visit_transport',
  fundedPlace: 'funded_place',
};

export function createReferralRepository(db: Db) {
  return {
    async findRecord(id: string, tx: Db = db): Promise<ReferralRecord | undefined> {
      const r = await maybeOne<Row>(tx, `${SELECT_RECORD} where r.id = $1`, [id]);
      return r && toRecord(r);
    },

    /** Serialises creates that carry the same idempotency key, until the transaction ends. */
    async lockKey(key: string, tx: Db) {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`referral:${key}`]);
    },

    async findByIdempotencyKey(key: string, tx: Db = db): Promise<Referral | undefined> {
      const r = await maybeOne<Row>(tx, 'select * from referrals where idempotency_key = $1', [key]);
      return r && toReferral(r);
    },

    async insert(n: NewReferral, status: 'draft' | 'sent', tx: Db): Promise<string> {
      const buddy = 'buddySchemeId' in n.target ? n.target : null;
      const activityId = 'activityId' in n.target ? n.target.activityId : null;
      const row = await one<{ id: string }>(
        tx,
        `insert into referrals (participant_id, scheme_id, target, activity_id, buddy_scheme_id, accompany_activity_id, provider_organisation_id,
           route, referrer_id, referrer_organisation_id, status, support_needs, message, funded_place, idempotency_key, sent_at, created_at, updated_at, buddy_preference)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18) returning id`,
        [
          n.participantId,
          n.schemeId,
          buddy ? 'buddy_scheme' : 'activity',
          activityId,
          buddy?.buddySchemeId ?? null,
          buddy?.accompanyActivityId ?? null,
          n.providerOrganisationId,
          n.route,
          n.referrerId,
          n.referrerOrganisationId,
          status,
          n.supportNeeds,
          n.message,
          n.fundedPlace,
          n.idempotencyKey,
          status === 'sent' ? n.now : null,
          n.now,
          buddy?.buddyPreference ?? null,
        ],
      );
      return row.id;
    },

    /** Moves a referral on only if it is still in the status the change was decided from. */
    async updateStatus(id: string, from: ReferralStatus, to: ReferralStatus, fields: StatusFields, now: Date, tx: Db): Promise<boolean> {
      const sets = ['status = $3', 'updated_at = $4'];
      const params: unknown[] = [id, from, to, now];
      for (const [key, value] of Object.entries(fields)) {
        params.push(value);
        sets.push(`${FIELD_COLUMNS[key as keyof StatusFields]} = $${params.length}`);
      }
      const rows = await tx.query(`update referrals set ${sets.join(', ')} where id = $1 and status = $2 returning id`, params);
      return rows.length === 1;
    },

    async addEvent(
      e: { referralId: string; at: Date; actorId: string | null; kind?: string; from: ReferralStatus | null; to: ReferralStatus | null; note: string },
      tx: Db,
    ) {
      await tx.query('insert into referral_events (referral_id, at, actor_id, kind, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, $7)', [
        e.referralId,
        e.at,
        e.actorId,
        e.kind ?? 'status',
        e.from,
        e.to,
        e.note,
      ]);
    },

    async events(referralId: string) {
      const rows = await db.query<Row>(
        `select e.at, e.kind, e.from_status, e.to_status, e.note, u.display_name, u.role
         from referral_events e left join users u on u.id = e.actor_id where e.referral_id = $1 order by e.at, e.id`,
        [referralId],
      );
      return rows.map((r) => ({
        at: new Date(r.at),
        kind: String(r.kind),
        from: r.from_status as ReferralStatus | null,
        to: r.to_status as ReferralStatus | null,
        note: String(r.note),
        actorName: (r.display_name as string | null) ?? null,
        actorRole: (r.role as string | null) ?? null,
      }));
    },

    /** Locks the activity row so capacity checks on it run one at a time; its capacity (null = no limit). */
    async lockActivity(activityId: string, tx: Db): Promise<{ capacity: number | null } | undefined> {
      return maybeOne<{ capacity: number | null }>(tx, 'select capacity from activities where id = $1 for update', [activityId]);
    },

    /** A person's referrals and what each is to (domain/referral.ts openReferralTo decides which count as open). */
    async targetsOf(participantId: string, tx: Db = db): Promise<ReferralTargetOf[]> {
      const rows = await tx.query<Row>('select id, status, activity_id, buddy_scheme_id from referrals where participant_id = $1 order by created_at, id', [
        participantId,
      ]);
      return rows.map((r) => ({ id: r.id, status: r.status, activityId: r.activity_id, buddySchemeId: r.buddy_scheme_id }));
    },

    async countHoldingPlaces(activityId: string, tx: Db = db): Promise<number> {
      const row = await one<{ n: number }>(tx, 'select count(*) as n from referrals where activity_id = $1 and status = any($2::text[])', [
        activityId,
        HOLDS_A_PLACE,
      ]);
      return row.n;
    },

    async hasConsent(participantId: string, purpose: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query('select 1 from consents where participant_id = $1 and purpose = $2 and withdrawn_at is null limit 1', [
        participantId,
        purpose,
      ]);
      return rows.length > 0;
    },

    async teamSharesCaseload(organisationId: string | null, tx: Db = db): Promise<boolean> {
      if (!organisationId) return false;
      const row = await maybeOne<{ share: boolean }>(tx, 'select share_caseload as share from organisations where id = $1', [organisationId]);
      return row?.share ?? false;
    },
  };
}

export type ReferralRepository = ReturnType<typeof createReferralRepository>;
