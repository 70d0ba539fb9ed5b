import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { contactItems } from '../../contact-fields.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { newIdempotencyKey } from '../../idempotency.ts';
import { statusTag } from '../referrals/referral.view-model.ts';
import { connectorReferralForm } from './connector-referral.form.ts';

/** Community connectors: look things up, refer someone they met, follow their referrals. */
export function registerConnectorRoutes(app: FastifyInstance, services: Services) {
  const community = services.referral.community;
  const connectors = { preHandler: requireRole('connector') };

  app.get(paths.connector.home, connectors, async (request, reply) => {
    const d = await community.connectorHome(request.user!);
    return reply.view('features/connector/home.njk', {
      pageTitle: 'Community connector',
      flash: (request.query as Record<string, unknown>).done === 'sent' ? 'Referral sent. The provider will contact them.' : undefined,
      items: d.items.map((i) => ({
        href: paths.referrals.referral(i.id),
        personName: i.participantName ?? 'Name removed',
        activity: i.activityTitle ?? i.providerName,
        tag: statusTag(i.status),
        sent: i.sentAt ? formatUkDateTime(i.sentAt) : '',
      })),
    });
  });

  async function context(request: FastifyRequest, values: FormBody) {
    const activities = await community.connectorActivities(request.user!);
    return {
      pageTitle: 'Refer someone you met',
      activityItems: [
        { value: '', text: 'Choose an activity' },
        ...activities.map((a) => ({ value: a.id, text: `${a.title} (${a.organisationName})`, selected: a.id === values.activityId })),
      ],
      hasActivities: activities.length > 0,
      contactItems: contactItems(values),
      idempotencyKey: String(values.idempotencyKey ?? newIdempotencyKey()),
      values,
      fieldErrors: {},
    };
  }

  app.get(paths.connector.refer, connectors, async (request, reply) => reply.view('features/connector/refer.njk', await context(request, {})));

  app.post(paths.connector.refer, connectors, async (request, reply) => {
    return handleForm(request, reply, {
      schema: connectorReferralForm,
      view: 'features/connector/refer.njk',
      context: (values) => context(request, values),
      handle: async (input) => {
        await community.connectorRefer(request.user!, input);
        return `${paths.connector.home}?done=sent`;
      },
    });
  });
}
