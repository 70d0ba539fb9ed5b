import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../../domain/errors.ts';
import { HAND_OFF_CONSENT_WORDS, REQUEST_CONTACT_PREFERENCES } from '../../../domain/link-worker-request.ts';
import { PHONE_LINE_ROLES } from '../../../domain/phone-line.ts';
import { NEEDS } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services.ts';
import { asArray, handleForm, parseOrFail, toErrorItems, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { withCall } from './call.query.ts';
import { handOffForm, handOffQuery } from './hand-off.form.ts';

const VIEW = 'features/phone-line/hand-off.njk';

/**
 * "Hand this caller to a link worker" (issue 10, decision 039): the caller's postcode finds the
 * schemes covering it (a GET, nothing stored), then the form with their name, how to contact them,
 * what they would like help with and their consent puts a request in that scheme's queue.
 */
export function registerHandOffRoutes(app: FastifyInstance, services: Services, callOf: (request: FastifyRequest) => string[]) {
  const answering = { preHandler: requireRole(...PHONE_LINE_ROLES) };
  const requests = services.linkWorkerRequests;

  async function page(request: FastifyRequest, typed: string, values: FormBody) {
    const call = callOf(request);
    const base = {
      pageTitle: 'Hand this caller to a link worker',
      backHref: withCall(paths.phoneLine.home, call),
      findAction: paths.phoneLine.handOff,
      action: withCall(paths.phoneLine.handOff, call),
      call: call.join(','),
      consentWords: HAND_OFF_CONSENT_WORDS,
      values: { ...values, postcode: typed },
      fieldErrors: {},
      schemes: [] as { id: string; name: string }[],
      others: [] as { name: string; area: string; coordinators: string[] }[],
      looked: false,
    };
    if (typed.trim() === '') return base;
    const found = await requests.schemesFor(request.user!, typed);
    const chosen = str(values.schemeId);
    return {
      ...base,
      looked: true,
      values: { ...values, postcode: found.postcode },
      schemes: found.schemes,
      others: found.others,
      schemeItems: found.schemes.map((s) => ({ value: s.id, text: s.name, checked: chosen === s.id || found.schemes.length === 1 })),
      contactItems: REQUEST_CONTACT_PREFERENCES.map((c) => ({ value: c.code, text: c.label, checked: values.contactPreference === c.code })),
      needItems: NEEDS.map((n) => ({ value: n.code, text: n.label, checked: asArray(values.needs).includes(n.code) })),
    };
  }

  app.get(paths.phoneLine.handOff, answering, async (request, reply) => {
    const { postcode } = parseOrFail(handOffQuery, { postcode: (request.query as Record<string, unknown>).postcode });
    try {
      return reply.view(VIEW, await page(request, postcode, {}));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const base = await page(request, '', {});
      return reply.status(422).view(VIEW, { ...base, values: { postcode }, ...toErrorItems(error.errors) });
    }
  });

  app.post(paths.phoneLine.handOff, answering, async (request, reply) =>
    handleForm(request, reply, {
      schema: handOffForm,
      view: VIEW,
      context: async (values) => {
        try {
          return await page(request, str(values.postcode), values);
        } catch (error) {
          if (!(error instanceof ValidationFailed)) throw error;
          return { ...(await page(request, '', {})), values };
        }
      },
      handle: async (input) => {
        await requests.create(request.user!, input);
        return withCall(paths.phoneLine.home, callOf(request), { handedOff: '1' });
      },
    }),
  );
}
