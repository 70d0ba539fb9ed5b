import type { Config } from '../../../config.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { handleForm } from '../provider/form-post.ts';
import { newIdempotencyKey } from '../referrals/referrals.routes.ts';
import { contactItems } from './contact-fields.ts';

type WithId = { Params: { id: string } };

/** Self-referral from a public activity page: no sign-in; person, consents and referral land together. */
export function registerSelfReferralRoutes(app: FastifyInstance, services: Services, config: Config) {
  const community = services.referral.community;

  async function context(request: FastifyRequest<WithId>, values: Record<string, unknown>) {
    const { activity, closed } = await community.selfReferralForm(request.params.id);
    return {
      pageTitle: `Refer yourself to ${activity.title}`,
      activity: { title: activity.title, organisation: activity.organisationName, href: paths.activity(activity.id) },
      closed,
      action: paths.selfReferral.form(activity.id),
      contactItems: contactItems(values),
      idempotencyKey: String(values.idempotencyKey ?? newIdempotencyKey()),
      values,
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.selfReferral.form(':id'), async (request, reply) =>
    reply.view('features/self-referral/self-referral.njk', await context(request, {})));

  app.post<WithId>(paths.selfReferral.form(':id'), { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return handleForm(reply, { view: 'features/self-referral/self-referral.njk', context: await context(request, body) }, async () => {
      await community.selfRefer(request.params.id, body);
      return reply.redirect(paths.selfReferral.sent(request.params.id), 303);
    });
  });

  app.get<WithId>(paths.selfReferral.sent(':id'), async (request, reply) => {
    const { activity } = await community.selfReferralForm(request.params.id);
    return reply.view('features/self-referral/sent.njk', {
      pageTitle: 'Your referral has been sent', activity: { title: activity.title, organisation: activity.organisationName, href: paths.activity(activity.id) },
    });
  });
}
