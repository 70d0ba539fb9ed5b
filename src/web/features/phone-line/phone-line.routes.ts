import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound, ValidationFailed } from '../../../domain/errors.ts';
import { PHONE_LINE_ROLES } from '../../../domain/phone-line.ts';
import { compactShortCode } from '../../../domain/short-code.ts';
import { WEEKDAYS } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services.ts';
import { asArray, handleForm, parseForm, parseOrFail, toErrorItems, type FormBody } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { parseSearchQuery } from '../search/search.query.ts';
import { toResultView } from '../search/result.view-model.ts';
import { queryWords } from '../../../domain/search-words.ts';
import { walkListItem } from '../walks/walk.view-model.ts';
import { callQuery, logCallHref, withCall } from './call.query.ts';
import { registerHandOffRoutes } from './hand-off.routes.ts';
import { letterForm } from './letter.form.ts';
import { CHANNEL_ITEMS, sendToCallerForm } from './send-to-caller.form.ts';
import { printStylesheet } from '../../print-css.ts';

const LETTER_FORM = 'features/phone-line/letter-form.njk';
/** The letter carries its own styles (A4, the address in a DL window envelope's window), as the printed shortlist does. */
const LETTER_CSS = printStylesheet(new URL('./letter-print.css', import.meta.url));

type WithId = { Params: { id: string } };

/**
 * The information line's screen (issue 10, decision 032): one search box for a postcode, a place or
 * a listing code, words, a day and "can get there without a car"; compact rows; each listing's
 * read-aloud summary and "send it to the caller". Keyboard only, no JavaScript needed.
 */
export function registerPhoneLineRoutes(app: FastifyInstance, services: Services) {
  const answering = { preHandler: requireRole(...PHONE_LINE_ROLES) };
  /** The call log is a connector's signposting record (decision 029), so only connectors in a scheme log calls. */
  const logsCalls = (request: FastifyRequest) => request.user!.role === 'connector' && request.user!.schemeId !== null;
  /** After a hand-off the log is prefilled with "handed to a link worker" and "a referral followed" (decision 036). */
  const logCallFor = (request: FastifyRequest, call: readonly string[]) => {
    const handedOff = (request.query as Record<string, unknown>).handedOff === '1';
    return logsCalls(request) && (call.length > 0 || handedOff) ? logCallHref(call, handedOff) : null;
  };
  const callOf = (request: FastifyRequest) => parseOrFail(callQuery, { call: (request.query as Record<string, unknown>).call }).call;

  app.get(paths.phoneLine.home, answering, async (request, reply) => {
    const { call: _call, logged: _logged, handedOff: _handedOff, ...q } = request.query as Record<string, unknown>;
    const call = callOf(request);
    const where = typeof q.where === 'string' ? q.where.trim() : '';
    // A listing code goes straight to its listing; anything else is a place.
    if (where && compactShortCode(where)) {
      const found = await services.publicActivities.findByShortCode(where).catch((error) => {
        if (error instanceof NotFound) return null; // not a code after all: search it as a place
        throw error;
      });
      if (found) return reply.redirect(withCall(paths.phoneLine.listing(found.id), call), 303);
    }
    const searched = Object.keys(q).length > 0;
    const request_ = parseSearchQuery({ ...q, ...(q.nocar === '1' ? { access: 'public_transport' } : {}) });
    const view = {
      pageTitle: 'Phone line',
      weekdays: WEEKDAYS,
      values: { where, q: request_.text, day: request_.filters.days.map(String), nocar: q.nocar === '1' },
      searched,
      call: call.join(','),
      logged: (request.query as Record<string, unknown>).logged === '1',
      handedOff: (request.query as Record<string, unknown>).handedOff === '1',
      handOffHref: withCall(paths.phoneLine.handOff, call),
      logCallHref: logCallFor(request, call),
    };
    if (!searched) return reply.view('features/phone-line/phone-line.njk', { ...view, results: [] });
    try {
      const outcome = await services.search.search(request_);
      // Self-guided walks near the caller's place or matching their words, each with its read-aloud summary (decision 043).
      const walks = await services.walks.alongside({
        origin: outcome.origin,
        radiusMiles: outcome.radiusMiles,
        words: queryWords(request_.text),
        stepFreeOnly: request_.filters.access.includes('step_free'),
      });
      return reply.view('features/phone-line/phone-line.njk', {
        ...view,
        walks: walks.map(walkListItem),
        total: outcome.results.total,
        results: outcome.results.items.map((r) => ({ ...toResultView(r, new Set()), phoneHref: withCall(paths.phoneLine.listing(r.id), call) })),
      });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.status(422).view('features/phone-line/phone-line.njk', { ...view, results: [], ...toErrorItems(error.errors) });
    }
  });

  async function listingContext(request: FastifyRequest<WithId>, values: FormBody) {
    const { details, parts } = await services.phoneLine.listing(request.user!, request.params.id);
    const call = [...callOf(request).filter((id) => id !== details.activity.id), details.activity.id];
    return {
      call,
      backHref: withCall(paths.phoneLine.home, call),
      sendAction: withCall(paths.phoneLine.send(details.activity.id), call),
      letterHref: withCall(paths.phoneLine.letter, call),
      logCallHref: logsCalls(request) ? logCallHref(call) : null,
      handOffHref: withCall(paths.phoneLine.handOff, call),
      pageTitle: details.activity.title,
      a: { id: details.activity.id, title: details.activity.title, organisation: details.organisation.name, shortCode: details.activity.shortCode },
      parts,
      channelItems: CHANNEL_ITEMS.map((c) => ({ value: c.code, text: c.label, checked: values.channel === c.code })),
      values,
      fieldErrors: {},
      sent: (request.query as Record<string, unknown>).sent === '1',
    };
  }

  app.get<WithId>(paths.phoneLine.listing(':id'), answering, async (request, reply) =>
    reply.view('features/phone-line/listing.njk', await listingContext(request, {})),
  );

  app.post<WithId>(paths.phoneLine.send(':id'), answering, async (request, reply) =>
    handleForm(request, reply, {
      schema: sendToCallerForm,
      view: 'features/phone-line/listing.njk',
      context: (values) => listingContext(request, values),
      handle: async (to) => {
        await services.phoneLine.send(request.user!, request.params.id, to);
        return withCall(paths.phoneLine.listing(request.params.id), callOf(request), { sent: '1' });
      },
    }),
  );

  registerHandOffRoutes(app, services, callOf);

  async function letterPage(request: FastifyRequest, values: FormBody) {
    const call = callOf(request);
    const listings = await services.phoneLine.letterChoices(request.user!, call);
    const chosen = values.activityIds === undefined ? listings.map((l) => l.id) : asArray(values.activityIds);
    return {
      pageTitle: 'Send by post',
      backHref: withCall(paths.phoneLine.home, call),
      action: withCall(paths.phoneLine.letter, call),
      listingItems: listings.map((l) => ({ value: l.id, text: l.title, hint: { text: l.organisation }, checked: chosen.includes(l.id) })),
      values,
      fieldErrors: {},
    };
  }

  app.get(paths.phoneLine.letter, answering, async (request, reply) => reply.view(LETTER_FORM, await letterPage(request, {})));

  // The letter is printed from this response and kept nowhere: not stored, not cacheable (decision 036).
  app.post(paths.phoneLine.letter, answering, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const parsed = parseForm(letterForm, request.body);
    if (!parsed.ok) {
      const values = request.body as FormBody;
      return reply.status(422).view(LETTER_FORM, { ...(await letterPage(request, values)), errors: parsed.errors, fieldErrors: parsed.fieldErrors });
    }
    try {
      const letter = await services.phoneLine.letter(request.user!, parsed.data.activityIds);
      return reply.view('features/phone-line/letter.njk', {
        pageTitle: 'Letter to print',
        printCss: LETTER_CSS,
        backHref: withCall(paths.phoneLine.home, callOf(request)),
        address: parsed.data.address,
        ...letter,
      });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const values = request.body as FormBody;
      return reply.status(422).view(LETTER_FORM, { ...(await letterPage(request, values)), ...toErrorItems(error.errors) });
    }
  });
}
