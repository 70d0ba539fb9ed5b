import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound, ValidationFailed } from '../../../domain/errors.ts';
import { PHONE_LINE_ROLES } from '../../../domain/phone-line.ts';
import { compactShortCode } from '../../../domain/short-code.ts';
import { WEEKDAYS } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services.ts';
import { handleForm, toErrorItems, type FormBody } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { parseSearchQuery } from '../search/search.query.ts';
import { toResultView } from '../search/result.view-model.ts';
import { CHANNEL_ITEMS, sendToCallerForm } from './send-to-caller.form.ts';

type WithId = { Params: { id: string } };

/**
 * The information line's screen (issue 10, decision 032): one search box for a postcode, a place or
 * a listing code, words, a day and "can get there without a car"; compact rows; each listing's
 * read-aloud summary and "send it to the caller". Keyboard only, no JavaScript needed.
 */
export function registerPhoneLineRoutes(app: FastifyInstance, services: Services) {
  const answering = { preHandler: requireRole(...PHONE_LINE_ROLES) };

  app.get(paths.phoneLine.home, answering, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const where = typeof q.where === 'string' ? q.where.trim() : '';
    // A listing code goes straight to its listing; anything else is a place.
    if (where && compactShortCode(where)) {
      const found = await services.publicActivities.findByShortCode(where).catch((error) => {
        if (error instanceof NotFound) return null; // not a code after all: search it as a place
        throw error;
      });
      if (found) return reply.redirect(paths.phoneLine.listing(found.id), 303);
    }
    const searched = Object.keys(q).length > 0;
    const request_ = parseSearchQuery({ ...q, ...(q.nocar === '1' ? { access: 'public_transport' } : {}) });
    const view = {
      pageTitle: 'Phone line',
      weekdays: WEEKDAYS,
      values: { where, q: request_.text, day: request_.filters.days.map(String), nocar: q.nocar === '1' },
      searched,
    };
    if (!searched) return reply.view('features/phone-line/phone-line.njk', { ...view, results: [] });
    try {
      const outcome = await services.search.search(request_);
      return reply.view('features/phone-line/phone-line.njk', {
        ...view,
        total: outcome.results.total,
        results: outcome.results.items.map((r) => ({ ...toResultView(r, new Set()), phoneHref: paths.phoneLine.listing(r.id) })),
      });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.status(422).view('features/phone-line/phone-line.njk', { ...view, results: [], ...toErrorItems(error.errors) });
    }
  });

  async function listingContext(request: FastifyRequest<WithId>, values: FormBody) {
    const { details, parts } = await services.phoneLine.listing(request.user!, request.params.id);
    return {
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
        return `${paths.phoneLine.listing(request.params.id)}?sent=1`;
      },
    }),
  );
}
