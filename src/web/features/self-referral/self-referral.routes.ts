import type { Config } from '../../../config.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { contactItems } from '../../contact-fields.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { newIdempotencyKey } from '../../idempotency.ts';
import { selfReferralForm } from './self-referral.form.ts';

type WithId = { Params: { id: string } };

/** Self-referral from a public activity page: no sign-in; person, consents and referral land together. */
export function registerSelfReferralRoutes(app: FastifyInstance, services: Services, config: Config) {
  const community = services.referral.community;

  async function context(request: FastifyRequest<WithId>, values: FormBody) {
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

  app.get<WithId>(paths.selfReferral.form(':id'), async (request, reply) => reply.view('features/self-referral/self-referral.njk', await context(request, {})));

  app.post<WithId>(
    paths.selfReferral.form(':id'),
    { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      await community.selfReferralForm(request.params.id); // 404 for an activity that is not listed, before any form errors
      return handleForm(request, reply, {
        schema: selfReferralForm,
        view: 'features/self-referral/self-referral.njk',
        context: (values) => context(request, values),
        handle: async (input) => {
          await community.selfRefer(request.params.id, input);
          return paths.selfReferral.sent(request.params.id);
        },
      });
    },
  );

  app.get<WithId>(paths.selfReferral.sent(':id'), async (request, reply) => {
    const { activity } = await community.selfReferralForm(request.params.id);
    return reply.view('features/self-referral/sent.njk', {
      pageTitle: 'Your referral has been sent',
      activity: { title: activity.title, organisation: activity.organisationName, href: paths.activity(activity.id) },
    });
  });
}
