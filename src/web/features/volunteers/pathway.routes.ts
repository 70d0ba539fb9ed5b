import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { handleForm } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { sendVolunteerForm } from './pathway.form.ts';

type WithId = { Params: { id: string } };
const SEND = 'features/volunteers/pathway-send.njk';

/** Sustainability (decision 034): the link worker sends the pre-filled volunteer form at the end of a prescription. */
export async function registerPathwayRoutes(app: FastifyInstance, services: Services) {
  const { volunteerPathways } = services;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker'));
    const page = async (user: Parameters<typeof volunteerPathways.offer>[0], id: string, values: Record<string, unknown>) => {
      const o = await volunteerPathways.offer(user, id);
      const channel = o.contactPreference === 'email' && o.hasEmail ? 'email' : o.contactPreference === 'text' && o.hasPhone ? 'text message' : null;
      return {
        pageTitle: 'Send the volunteer form',
        name: o.name,
        channel,
        action: paths.referrals.volunteerForm(o.referralId),
        backHref: paths.referrals.referral(o.referralId),
        values,
        fieldErrors: {},
      };
    };
    scope.get<WithId>(paths.referrals.volunteerForm(':id'), async (request, reply) => reply.view(SEND, await page(request.user!, request.params.id, {})));
    scope.post<WithId>(paths.referrals.volunteerForm(':id'), async (request, reply) => {
      // Someone else's referral is not found before anything about the form is said.
      await volunteerPathways.offer(request.user!, request.params.id);
      return handleForm(request, reply, {
        schema: sendVolunteerForm,
        view: SEND,
        context: (values) => page(request.user!, request.params.id, values),
        handle: async () => {
          const sent = await volunteerPathways.send(request.user!, request.params.id);
          return reply.view('features/volunteers/pathway-sent.njk', {
            pageTitle: 'Volunteer form sent',
            ...sent,
            backHref: paths.referrals.referral(request.params.id),
          });
        },
      });
    });
  });
}
