import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../services.ts';
import { TIME_POINTS } from '../../../domain/instruments/instrument.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { handleForm } from '../../forms.ts';
import { answersForm } from './answers.form.ts';
import { LinkUnavailable, NoQuestionnaireConsent } from '../../../services/questionnaire.service.ts';
import { questionnaireForm } from './questionnaire-form.view-model.ts';
import { registerInstrumentRoutes } from './instruments.routes.ts';

type TP = { Params: { referralId: string; timePoint: string } };
type Token = { Params: { token: string } };
const FORM = 'features/questionnaires/form.njk';
const MESSAGE = 'features/questionnaires/message.njk';
const STATE = { due: { label: 'Due', classes: 'nhsuk-tag--blue' }, overdue: { label: 'Overdue', classes: 'nhsuk-tag--red' } } as const;
const label = (tp: string) => TIME_POINTS.find((t) => t.code === tp)?.label ?? tp;

/** Values to put back in the form after a 422. */
const valuesOf = (body: unknown) =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k]) => k !== '_csrf')
      .map(([k, v]) => [k, String(v)]),
  );

/** Spent links, and answers that cannot be kept without consent, get a plain page (never a stack of errors). */
function unavailable(reply: FastifyReply, err: unknown) {
  if (err instanceof LinkUnavailable) {
    return reply.status(410).view(MESSAGE, {
      pageTitle: err.reason === 'expired' ? 'This link has expired' : 'This link has already been used',
      paragraphs: ['Each questionnaire link works once, for 28 days. If you still want to answer, ask your link worker for a new link.'],
    });
  }
  if (err instanceof NoQuestionnaireConsent) {
    return reply.status(409).view(MESSAGE, {
      pageTitle: 'Your answers cannot be saved',
      paragraphs: ['We do not have your agreement to keep questionnaire answers. If you would like to take part, please speak to your link worker.'],
    });
  }
  throw err;
}

export async function registerQuestionnaireRoutes(app: FastifyInstance, services: Services) {
  const q = services.questionnaires;

  // Link workers: what is due, answers entered with the person, one-time links.
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('link_worker'));

    scope.get(paths.caseload.questionnaires, async (request, reply) => {
      const items = await q.due(request.user!);
      return reply.view('features/questionnaires/due.njk', {
        pageTitle: 'Questionnaires due',
        missingWording: await q.missingWording(),
        items: items.map((i) => ({
          ...i,
          timePointLabel: label(i.timePoint),
          stateLabel: STATE[i.state as 'due' | 'overdue'].label,
          stateClass: STATE[i.state as 'due' | 'overdue'].classes,
          enterHref: paths.caseload.questionnaire(i.referralId, i.timePoint),
          linkHref: paths.caseload.questionnaireLink(i.referralId, i.timePoint),
        })),
      });
    });

    const page = async (user: Parameters<typeof q.formForLinkWorker>[0], p: TP['Params']) => {
      const f = await q.formForLinkWorker(user, p.referralId, p.timePoint);
      return {
        pageTitle: 'Wellbeing questionnaire',
        form: questionnaireForm(f.timePoint, f.wordings),
        participantName: f.participantName,
        activityTitle: f.activityTitle,
        action: paths.caseload.questionnaire(p.referralId, p.timePoint),
        backHref: paths.caseload.questionnaires,
        fieldErrors: {},
      };
    };

    scope.get<TP>(paths.caseload.questionnaire(':referralId', ':timePoint'), async (request, reply) =>
      reply.view(FORM, { ...(await page(request.user!, request.params)), values: {} }),
    );
    scope.post<TP>(paths.caseload.questionnaire(':referralId', ':timePoint'), async (request, reply) => {
      const shown = await page(request.user!, request.params);
      return handleForm(request, reply, {
        schema: answersForm(shown.form.timePoint),
        view: FORM,
        context: (values) => ({ ...shown, values: valuesOf(values) }),
        handle: async (answers) => {
          await q.recordWithLinkWorker(request.user!, request.params.referralId, request.params.timePoint, answers);
          return paths.caseload.questionnaires;
        },
      });
    });

    // Shows the new link once (only its hash is stored), so this POST renders rather than redirects.
    scope.post<TP>(paths.caseload.questionnaireLink(':referralId', ':timePoint'), async (request, reply) => {
      const link = await q.createLink(request.user!, request.params.referralId, request.params.timePoint);
      return reply
        .header('cache-control', 'no-store')
        .view('features/questionnaires/link-created.njk', { pageTitle: 'Questionnaire link made', missingWording: await q.missingWording(), ...link });
    });
  });

  // Participants, through a one-time link: no account; the token is in the path, never logged.
  app.get(paths.questionnaire.done, async (_request, reply) =>
    reply.view(MESSAGE, { pageTitle: 'Thank you', paragraphs: ['Your answers have been saved. You can close this page.'] }),
  );
  app.get<Token>(paths.questionnaire.form(':token'), async (request, reply) => {
    try {
      const f = await q.openLink(request.params.token);
      return reply.header('cache-control', 'no-store').view(FORM, {
        pageTitle: 'How have you been feeling?',
        form: questionnaireForm(f.timePoint, f.wordings),
        action: paths.questionnaire.form(request.params.token),
        values: {},
        fieldErrors: {},
      });
    } catch (err) {
      return unavailable(reply, err);
    }
  });
  app.post<Token>(paths.questionnaire.form(':token'), async (request, reply) => {
    try {
      const f = await q.openLink(request.params.token);
      return await handleForm(request, reply, {
        schema: answersForm(f.timePoint),
        view: FORM,
        context: (values) => ({
          pageTitle: 'How have you been feeling?',
          form: questionnaireForm(f.timePoint, f.wordings),
          action: paths.questionnaire.form(request.params.token),
          values: valuesOf(values),
        }),
        handle: async (answers) => {
          await q.submitLink(request.params.token, answers);
          return paths.questionnaire.done;
        },
      });
    } catch (err) {
      return unavailable(reply, err);
    }
  });

  await registerInstrumentRoutes(app, services);
}
