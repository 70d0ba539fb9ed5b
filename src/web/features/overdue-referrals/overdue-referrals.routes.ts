import { countOf } from '../../../domain/plural.ts';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatUkDate } from '../../render.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';

/** Coordinators: referrals the provider has not replied to in time. */
export function registerOverdueReferralRoutes(app: FastifyInstance, services: Services) {
  app.get(paths.coordinator.overdueReferrals, { preHandler: requireRole('coordinator', 'admin') }, async (request, reply) => {
    const rows = await services.notify.deadlines.overdue(request.user!);
    return reply.view('features/overdue-referrals/overdue-referrals.njk', {
      pageTitle: 'Overdue referrals',
      canOpen: request.user!.role === 'coordinator',
      referrals: rows.map((r) => ({
        href: paths.referrals.referral(r.id),
        activity: r.activityTitle ?? 'Activity no longer listed',
        provider: r.providerName,
        providerEmail: r.providerEmail,
        providerPhone: r.providerPhone,
        referredBy: r.route === 'self' ? 'Self-referral' : r.route === 'connector' ? 'Community connector' : (r.referrerOrganisationName ?? 'Link worker'),
        sent: r.sentAt ? formatUkDate(r.sentAt) : '',
        due: formatUkDate(r.responseDueAt),
        overdue: r.workingDaysOverdue === 0 ? 'Due today' : countOf(r.workingDaysOverdue, 'working day'),
      })),
    });
  });
}
