import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { GpSummaryRepository } from '../data/repositories/gp-summary.repository.ts';
import { fullReferralView } from '../domain/access-policy.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { formatGpSummary } from '../domain/gp-summary.ts';
import { londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';

/**
 * The GP record summary, for the referrer's side: link workers who may see the referral and the
 * scheme's coordinators. (Connectors are volunteers who do not write to GP records; providers and
 * administrators never see it.) Every view is audited against the person.
 */
export function createGpSummaryService(deps: { summaries: GpSummaryRepository; audit: AuditRepository; clock: Clock }) {
  return {
    async view(user: User, referralId: string) {
      if (user.role !== 'link_worker' && user.role !== 'coordinator') throw new Forbidden();
      const r = await deps.summaries.find(referralId);
      if (!r?.participant) throw new NotFound('Referral');
      const p = r.participant;
      if (!fullReferralView(user, r, p)) throw new NotFound('Referral');
      await deps.audit.record({
        actorId: user.id,
        action: 'participant.gp_summary_viewed',
        subjectType: 'participant',
        subjectId: r.participantId!,
        detail: { referralId: r.id },
      });
      const now = deps.clock.now();
      const text = formatGpSummary({
        today: londonDate(now),
        referredOn: r.sentAt ? londonDate(r.sentAt) : null,
        route: r.route,
        referrerOrganisation: r.referrerOrganisation,
        activityTitle: r.activityTitle,
        providerName: r.providerName,
        status: r.status,
        statusReason: r.statusReason,
        statusChangedOn: r.statusChangedAt ? londonDate(r.statusChangedAt) : null,
        firstVisitDate: r.firstVisitDate,
        sessionsAttended: r.sessionsAttended,
        sessionsRecorded: r.sessionsRecorded,
        nextSteps: r.nextSteps,
        responseDueOn: r.responseDueAt ? londonDate(r.responseDueAt) : null,
      });
      return { referralId: r.id, preferredName: p.preferredName, activityTitle: r.activityTitle, text };
    },
  };
}

export type GpSummaryService = ReturnType<typeof createGpSummaryService>;
