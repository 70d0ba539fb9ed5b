import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { CONSENT_METHODS, CONSENT_PURPOSES } from '../../../domain/participant.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import { asArray, handleForm } from '../../forms.ts';
import { paths } from '../../paths.ts';
import { consentForm } from './consent.form.ts';

const FORM = 'features/caseload/consent-form.njk';
type WithId = { Params: { id: string } };
type WithConsent = { Params: { id: string; consentId: string } };

const items = (list: readonly { code: string; label: string; hint?: string }[]) =>
  list.map((t) => ({ value: t.code, text: t.label, hint: t.hint ? { text: t.hint } : undefined }));
const OPTIONS = { purposes: items(CONSENT_PURPOSES), methods: items(CONSENT_METHODS) };

function valuesOf(body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return {
    purposes: asArray(b.purposes),
    method: s('method'),
    when: s('when') || 'now',
    note: s('note'),
    givenOn: { day: s('givenOn-day'), month: s('givenOn-month'), year: s('givenOn-year') },
  };
}

/** Recording and withdrawing consent (link workers, for people they may change). */
export function registerConsentRoutes(app: FastifyInstance, services: Services) {
  const { consent } = services;
  const page = (id: string) => ({
    pageTitle: 'Record consent',
    action: paths.caseload.consentNew(id),
    backHref: paths.caseload.participant(id),
    options: OPTIONS,
    fieldErrors: {},
  });

  app.get<WithId>(paths.caseload.consentNew(':id'), async (request, reply) => {
    await consent.checkCanRecord(request.user!, request.params.id);
    return reply.view(FORM, { ...page(request.params.id), values: valuesOf({}) });
  });

  app.post<WithId>(paths.caseload.consentNew(':id'), async (request, reply) => {
    const { id } = request.params;
    await consent.checkCanRecord(request.user!, id); // someone else's person is not found before any form errors
    return handleForm(request, reply, {
      schema: consentForm,
      view: FORM,
      context: (values) => ({ ...page(id), values: valuesOf(values) }),
      handle: async (input) => {
        await consent.record(request.user!, id, input);
        return `${paths.caseload.participant(id)}?done=consent`;
      },
    });
  });

  app.get<WithConsent>(paths.caseload.consentWithdraw(':id', ':consentId'), async (request, reply) => {
    const { id, consentId } = request.params;
    const c = await consent.findForWithdrawal(request.user!, id, consentId);
    return reply.view('features/caseload/consent-withdraw.njk', {
      pageTitle: 'Withdraw consent',
      purpose: labelOf(CONSENT_PURPOSES, c.purpose),
      givenAt: c.givenAt,
      action: paths.caseload.consentWithdraw(id, consentId),
      backHref: paths.caseload.participant(id),
    });
  });

  app.post<WithConsent>(paths.caseload.consentWithdraw(':id', ':consentId'), async (request, reply) => {
    const { id, consentId } = request.params;
    await consent.withdraw(request.user!, id, consentId);
    return reply.redirect(`${paths.caseload.participant(id)}?done=withdrawn`, 303);
  });
}
