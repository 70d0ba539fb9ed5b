import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import { FREQUENCIES, RADII } from '../../../domain/subscription.ts';
import { ACTIVITY_TYPES, labelOf } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services.ts';
import { asArray, handleForm, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { paths } from '../../paths.ts';
import { subscribeForm } from './subscribe.form.ts';

type WithToken = { Params: { token: string } };
type WithIdToken = { Params: { id: string; token: string } };
const FORM = 'features/subscriptions/subscribe.njk';

/**
 * "Tell me about new activities near me" (decision 036): a public form, a confirmation link (GET shows
 * a button, POST confirms), and a one-click unsubscribe link in every email (GET shows a button, POST
 * deletes the subscription).
 */
export function registerSubscriptionRoutes(app: FastifyInstance, services: Services, config: Config) {
  const { subscriptions } = services;
  const limited = { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } };

  /** A connector may subscribe for a group they run, with their own email address. */
  const connector = (request: FastifyRequest) => (request.user?.role === 'connector' ? request.user : null);

  const formPage = (request: FastifyRequest, values: FormBody) => ({
    pageTitle: 'Get emails about new activities near you',
    forGroup: connector(request) !== null,
    values,
    fieldErrors: {},
    radiusItems: RADII.map((r) => ({ value: r.code, text: r.label, selected: str(values.radius || '5') === r.code })),
    interestItems: ACTIVITY_TYPES.map((t) => ({ value: t.code, text: t.label, checked: asArray(values.interests).includes(t.code) })),
    frequencyItems: FREQUENCIES.map((f) => ({ value: f.code, text: f.label, checked: values.frequency === f.code })),
  });

  app.get(paths.subscriptions.subscribe, async (request, reply) => reply.view(FORM, formPage(request, { email: connector(request)?.email ?? '' })));

  app.post(paths.subscriptions.subscribe, limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: subscribeForm,
      view: FORM,
      context: (values) => formPage(request, values),
      handle: async (input) => {
        await subscriptions.subscribe(input, connector(request));
        return paths.subscriptions.checkEmail;
      },
    }),
  );

  app.get(paths.subscriptions.checkEmail, async (_request, reply) => reply.view('features/subscriptions/check-email.njk', { pageTitle: 'Check your email' }));

  app.get<WithToken>(paths.subscriptions.confirm(':token'), async (request, reply) => {
    const s = await subscriptions.confirmation(request.params.token);
    return reply.view('features/subscriptions/confirm.njk', {
      pageTitle: 'Start your emails about new activities',
      action: paths.subscriptions.confirm(request.params.token),
      what: `${labelOf(FREQUENCIES, s.frequency)}, activities within ${labelOf(RADII, String(s.radiusMiles)).replace(/^Within /, '')} of ${s.areaLabel}`,
    });
  });

  app.post<WithToken>(paths.subscriptions.confirm(':token'), limited, async (request, reply) => {
    await subscriptions.confirm(request.params.token);
    return reply.view('features/subscriptions/done.njk', {
      pageTitle: 'Your emails are on',
      text: 'Thank you. You will get an email when there are new or changed activities near you. Every email has a link to stop them.',
    });
  });

  app.get<WithIdToken>(paths.subscriptions.unsubscribe(':id', ':token'), async (request, reply) => {
    const s = await subscriptions.unsubscribing(request.params.id, request.params.token);
    return reply.view('features/subscriptions/unsubscribe.njk', {
      pageTitle: 'Stop emails about new activities',
      areaLabel: s.areaLabel,
      action: paths.subscriptions.unsubscribe(request.params.id, request.params.token),
    });
  });

  // Also the one-click address mail programs POST to (RFC 8058, List-Unsubscribe-Post): no form token, no redirect.
  const oneClick = { config: { ...limited.config, oneClickUnsubscribe: true } };
  app.post<WithIdToken>(paths.subscriptions.unsubscribe(':id', ':token'), oneClick, async (request, reply) => {
    await subscriptions.unsubscribe(request.params.id, request.params.token);
    return reply.view('features/subscriptions/done.njk', {
      pageTitle: 'Your emails have stopped',
      text: 'You will not get any more emails about new activities. We have deleted your email address and choices.',
    });
  });
}
