import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FHIR_MEDIA_TYPE } from '../../../domain/fhir.ts';
import { messageDate } from '../../../domain/message-date.ts';
import type { Services } from '../../../services.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { apiTokenForm } from './api-token.form.ts';

type WithId = { Params: { id: string } };
const VIEW = 'features/fhir/api-tokens.njk';
const FLASH = { revoked: 'The token has been revoked. Its system can no longer send referrals.' };

/**
 * FHIR in the web app (decision 051): the referral as FHIR JSON for the referrer's side, the link
 * worker taking a referral another system sent, and administrators' API tokens.
 */
export async function registerFhirWebRoutes(app: FastifyInstance, services: Services) {
  const { fhir } = services.referral;

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker', 'coordinator'));
    scope.get<WithId>(paths.referrals.fhir(':id'), async (request, reply) => {
      const bundle = await fhir.exportReferral(request.user!, request.params.id);
      return reply
        .type(`${FHIR_MEDIA_TYPE}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="referral-${request.params.id}.fhir.json"`)
        .send(JSON.stringify(bundle, null, 2));
    });
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker'));
    scope.post<WithId>(paths.referrals.takeReceived(':id'), async (request, reply) => {
      const id = await fhir.take(request.user!, request.params.id);
      return reply.redirect(`${paths.referrals.referral(id)}?done=taken`, 303);
    });
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('admin'));
    const page = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => {
      const { tokens, organisations } = await services.apiTokens.list(request.user!);
      const values = (extra.values ?? {}) as Record<string, string>;
      return {
        pageTitle: 'API tokens for referring systems',
        tokens: tokens.map((t) => ({
          organisationName: t.organisationName,
          label: t.label,
          issued: messageDate(t.createdAt),
          lastUsed: t.lastUsedAt ? messageDate(t.lastUsedAt) : 'Never',
          revoked: t.revokedAt ? messageDate(t.revokedAt) : null,
          revokeAction: paths.admin.apiTokenRevoke(t.id),
        })),
        organisationItems: [
          { value: '', text: 'Choose an organisation' },
          ...organisations.map((o) => ({ value: o.id, text: o.name, selected: values.organisationId === o.id })),
        ],
        values,
        fieldErrors: {},
        ...extra,
      };
    };

    scope.get(paths.admin.apiTokens, async (request, reply) => reply.view(VIEW, await page(request, { flash: flashFrom(request.query, FLASH) })));

    // The token is shown once, on the answer to this post; it is never in a URL or stored.
    scope.post(paths.admin.apiTokens, async (request, reply) =>
      handleForm(request, reply, {
        schema: apiTokenForm,
        view: VIEW,
        context: async (values) => page(request, { values }),
        handle: async (input) => {
          const issued = await services.apiTokens.issue(request.user!, input);
          return reply.view(VIEW, await page(request, { issued }));
        },
      }),
    );

    scope.post<WithId>(paths.admin.apiTokenRevoke(':id'), async (request, reply) => {
      await services.apiTokens.revoke(request.user!, request.params.id);
      return reply.redirect(`${paths.admin.apiTokens}?done=revoked`, 303);
    });
  });
}
