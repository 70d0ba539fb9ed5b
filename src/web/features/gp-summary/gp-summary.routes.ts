import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';

type Params = { id: string };

/** The summary of a referral for the GP record: text to copy or print. */
export function registerGpSummaryRoutes(app: FastifyInstance, services: Services) {
  app.get<{ Params: Params }>(paths.referrals.gpSummary(':id'), { preHandler: requireRole('link_worker', 'coordinator') }, async (request, reply) => {
    const s = await services.notify.gpSummary.view(request.user!, request.params.id);
    return reply.view('features/gp-summary/gp-summary.njk', {
      pageTitle: 'Summary for the GP record',
      backHref: paths.referrals.referral(s.referralId),
      fhirHref: paths.referrals.fhir(s.referralId),
      s: { ...s, rows: s.text.split('\n').length + 1 },
    });
  });
}
