import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { CONSENT_METHODS, CONSENT_PURPOSES } from '../../../domain/participant.ts';
import { paths } from '../../paths.ts';
import { orErased } from './privacy.routes.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { participantForm } from './participant.form.ts';
import {
  caseloadRows,
  NEW_PARTICIPANT_VALUES,
  PARTICIPANT_OPTIONS,
  participantRows,
  referralItems,
  valuesFromBody,
  valuesFromParticipant,
  type ParticipantFormValues,
} from './participant.view-model.ts';
import { registerConsentRoutes } from './consent.routes.ts';
import { receivedRows, requestRows } from './requests.view-model.ts';
import { registerPrivacyRoutes } from './privacy.routes.ts';

const FORM = 'features/caseload/participant-form.njk';
const CONSENT_LABELS = Object.fromEntries(CONSENT_PURPOSES.map((t) => [t.code, t.label]));
const METHOD_LABELS = Object.fromEntries(CONSENT_METHODS.map((t) => [t.code, t.label]));
type WithId = { Params: { id: string } };

export const CASELOAD_FLASH = {
  created: 'The person has been added to your caseload. Record their consent before referring them.',
  closed: 'The request has been closed. The caller’s details have been removed from it.',
  taken: 'You have taken their request: they are now in your caseload, with their agreement to be contacted. Get in touch with them.',
  updated: 'Their details have been saved.',
  unchanged: 'Nothing had changed.',
  consent: 'Their consent has been recorded.',
  withdrawn: 'The consent has been withdrawn. It no longer covers anything from now on.',
  erased: 'Their personal data has been erased. Their referrals remain only as anonymous counts.',
};

/** Link workers' caseload: people, their details and consent. Coordinators of the scheme can read. */
export async function registerCaseloadRoutes(app: FastifyInstance, services: Services) {
  const { participants, prompts } = services;

  const formPage = async (values: ParticipantFormValues, extra: Record<string, unknown>) => ({
    options: PARTICIPANT_OPTIONS,
    prompts: await prompts.list(),
    values,
    fieldErrors: {},
    ...extra,
  });
  const newExtra = { pageTitle: 'Add a person', action: paths.caseload.participantNew, submitText: 'Save', backHref: paths.caseload.list };
  const editExtra = (id: string) => ({
    pageTitle: 'Change their details',
    action: paths.caseload.participantEdit(id),
    submitText: 'Save changes',
    backHref: paths.caseload.participant(id),
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker', 'coordinator'));

    scope.get(paths.caseload.list, async (request, reply) => {
      const c = await participants.caseload(request.user!);
      const waiting = await services.linkWorkerRequests.queue(request.user!);
      const received = await services.referral.fhir.waiting(request.user!);
      return reply.view('features/caseload/caseload.njk', {
        requests: requestRows(waiting),
        received: receivedRows(received),
        canTake: request.user!.role === 'link_worker',
        pageTitle: c.scope === 'scheme' ? 'People in your scheme' : 'Your caseload',
        scope: c.scope,
        rows: caseloadRows(c.rows, c.scope !== 'own'),
        canAdd: request.user!.role === 'link_worker',
        flash: flashFrom(request.query, CASELOAD_FLASH),
      });
    });

    // The scheme's link workers or coordinators close a request nobody will take (decision 039).
    scope.post<WithId>(paths.caseload.closeRequest(':id'), async (request, reply) => {
      await services.linkWorkerRequests.close(request.user!, request.params.id);
      return reply.redirect(`${paths.caseload.list}?done=closed`, 303);
    });

    scope.get<WithId>(paths.caseload.participant(':id'), async (request, reply) =>
      orErased(services, request, reply, async () => {
        const v = await participants.view(request.user!, request.params.id);
        const consent = await services.consent.summary(v.participant.id);
        return reply.view('features/caseload/participant.njk', {
          pageTitle: v.participant.preferredName,
          flash: flashFrom(request.query, CASELOAD_FLASH),
          participant: { id: v.participant.id, anonymisedAt: v.participant.anonymisedAt, whatMatters: v.participant.whatMatters },
          rows: participantRows(v.participant),
          caseworkerName: v.caseworkerName,
          canEdit: v.canEdit,
          consent,
          consentLabels: CONSENT_LABELS,
          methodLabels: METHOD_LABELS,
          referrals: referralItems(v.referrals),
        });
      }),
    );
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker'));

    // One link worker of the scheme takes a caller's request (decision 039); a second gets 409.
    scope.post<WithId>(paths.caseload.takeRequest(':id'), async (request, reply) => {
      const id = await services.linkWorkerRequests.take(request.user!, request.params.id);
      return reply.redirect(`${paths.caseload.participant(id)}?done=taken`, 303);
    });

    scope.get(paths.caseload.participantNew, async (_request, reply) => reply.view(FORM, await formPage(NEW_PARTICIPANT_VALUES, newExtra)));
    scope.post(paths.caseload.participantNew, async (request, reply) =>
      handleForm(request, reply, {
        schema: participantForm,
        check: (values) => participants.postcodeProblems(str(values.postcode)),
        view: FORM,
        context: (values) => formPage(valuesFromBody(values), newExtra),
        handle: async (input) => `${paths.caseload.participant(await participants.create(request.user!, input))}?done=created`,
      }),
    );

    scope.get<WithId>(paths.caseload.participantEdit(':id'), async (request, reply) => {
      const v = await participants.view(request.user!, request.params.id, 'edit');
      return reply.view(FORM, await formPage(valuesFromParticipant(v.participant), editExtra(v.participant.id)));
    });
    scope.post<WithId>(paths.caseload.participantEdit(':id'), async (request, reply) => {
      const { id } = request.params;
      await participants.checkCanEdit(request.user!, id); // someone else's person is not found before any form errors
      return handleForm(request, reply, {
        schema: participantForm,
        check: (values) => participants.postcodeProblems(str(values.postcode)),
        view: FORM,
        context: (values) => formPage(valuesFromBody(values), editExtra(id)),
        handle: async (input) => {
          const changed = await participants.update(request.user!, id, input);
          return `${paths.caseload.participant(id)}?done=${changed.length ? 'updated' : 'unchanged'}`;
        },
      });
    });

    registerConsentRoutes(scope, services);
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker', 'coordinator', 'admin'));
    registerPrivacyRoutes(scope, services);
  });
}
