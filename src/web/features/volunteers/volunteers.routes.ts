import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { volunteerSummary } from './volunteers.view-model.ts';
import { alertView, hoursView, visitView } from '../buddy-visits/buddy-visits.view-model.ts';

/** Volunteers' own pages and their volunteer lead's (issue 9). */
export function registerVolunteerRoutes(app: FastifyInstance, services: Services) {
  const volunteers = services.volunteers;

  app.get(paths.volunteering.home, { preHandler: requireRole('buddy') }, async (request, reply) => {
    const you = await volunteers.yourVolunteering(request.user!);
    return reply.view('features/volunteers/your-volunteering.njk', {
      pageTitle: 'Your volunteering',
      you: you && volunteerSummary(you),
      visits: (await services.buddyVisits.yourVisits(request.user!)).map((v) => visitView(v, services.clock.now())),
    });
  });

  app.get(paths.volunteers.list, { preHandler: requireRole('volunteer_lead') }, async (request, reply) => {
    const list = await volunteers.leadVolunteers(request.user!);
    return reply.view('features/volunteers/volunteers.njk', {
      pageTitle: 'Volunteers',
      volunteers: list.map(volunteerSummary),
      alerts: (await services.buddyVisits.openAlerts(request.user!)).map(alertView),
      toPlan: await services.buddyVisits.referralsToPlan(request.user!),
      hours: (await services.buddyVisits.hoursByMonth(request.user!)).map(hoursView),
    });
  });
}
