import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { ReferralRoute, ReferralStatus } from '../../domain/referral.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = SqlRow;

/** Everything the GP record summary says, with the facts its access check needs. */
export type GpSummaryRecord = {
  id: string;
  schemeId: string;
  providerOrganisationId: string;
  referrerId: string | null;
  participantId: string | null;
  participant: { schemeId: string; organisationId: string | null; caseworkerId: string | null; preferredName: string; teamSharesCaseload: boolean } | null;
  route: ReferralRoute;
  status: ReferralStatus;
  statusReason: string | null;
  sentAt: Date | null;
  createdAt: Date;
  responseDueAt: Date | null;
  statusChangedAt: Date | null;
  firstVisitDate: string | null;
  nextSteps: string[];
  activityTitle: string;
  providerName: string;
  referrerOrganisation: string | null;
  sessionsAttended: number;
  sessionsRecorded: number;
};

export function createGpSummaryRepository(db: Db) {
  return {
    async find(id: string): Promise<GpSummaryRecord | undefined> {
      const r = await maybeOne<Row>(
        db,
        `select r.*, coalesce(${REFERRAL_TARGET_TITLE}, 'Activity no longer listed') as activity_title, o.name as provider_name, ro.name as referrer_org_name,
           p.scheme_id as p_scheme_id, p.organisation_id as p_organisation_id, p.caseworker_id as p_caseworker_id, p.preferred_name as p_name,
           coalesce(po.share_caseload, false) as p_team_shares,
           (select max(e.at) from referral_events e where e.referral_id = r.id and e.kind = 'status' and e.to_status = r.status) as status_changed_at,
           (select count(*) from attendance t where t.referral_id = r.id and t.attended) as attended,
           (select count(*) from attendance t where t.referral_id = r.id) as recorded
         from referrals r
         join organisations o on o.id = r.provider_organisation_id
         ${JOIN_REFERRAL_TARGET}
         left join organisations ro on ro.id = r.referrer_organisation_id
         left join participants p on p.id = r.participant_id
         left join organisations po on po.id = p.organisation_id
         where r.id = $1`,
        [id],
      );
      if (!r) return undefined;
      return {
        id: r.id,
        schemeId: r.scheme_id,
        providerOrganisationId: r.provider_organisation_id,
        referrerId: r.referrer_id,
        participantId: r.participant_id,
        participant: r.participant_id
          ? {
              schemeId: r.p_scheme_id,
              organisationId: r.p_organisation_id,
              caseworkerId: r.p_caseworker_id,
              preferredName: r.p_name,
              teamSharesCaseload: r.p_team_shares,
            }
          : null,
        route: r.route,
        status: r.status,
        statusReason: r.status_reason,
        sentAt: r.sent_at ? new Date(r.sent_at) : null,
        createdAt: new Date(r.created_at),
        responseDueAt: r.response_due_at ? new Date(r.response_due_at) : null,
        statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at) : null,
        firstVisitDate: r.first_visit_date,
        nextSteps: r.next_steps ?? [],
        activityTitle: r.activity_title,
        providerName: r.provider_name,
        referrerOrganisation: r.referrer_org_name,
        sessionsAttended: Number(r.attended),
        sessionsRecorded: Number(r.recorded),
      };
    },
  };
}

export type GpSummaryRepository = ReturnType<typeof createGpSummaryRepository>;
