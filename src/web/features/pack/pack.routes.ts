import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { formatMonth, nextMonth } from '../../../domain/information-points.ts';
import { describeSession, londonDate } from '../../../domain/schedule.ts';
import { countOf } from '../../../domain/plural.ts';
import { ACTIVITY_TYPES } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services.ts';
import { parseOrFail, toErrorItems } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { formatUkDate } from '../../render.ts';
import { PACK_RADII, packQuery, packSearch, posterQuery, type PackQuery } from './pack.query.ts';
import { packPrintView, printedActivity } from './pack.view-model.ts';
import { sendPrintedPageAsPdf } from '../../pdf.ts';
import { printStylesheet } from '../../print-css.ts';

/** Who makes packs and posters: connectors, coordinators, provider staff (and administrators). */
export const PACK_ROLES = ['connector', 'coordinator', 'provider', 'admin'] as const;

/** The printed pages carry their own styles, so a saved copy prints the same with no network. */
const PRINT_CSS = printStylesheet(new URL('./pack-print.css', import.meta.url));

type WithId = { Params: { id: string } };

/**
 * The Heritage Café pack (issue 10, decision 035): next month's listing near a place or in a scheme's
 * area on A4 (normal, large print, easy read) with QR codes, posters per activity (A4, A5), and the
 * same pages as PDF through Chromium when the server has one.
 */
export function registerPackRoutes(app: FastifyInstance, services: Services, config: Config) {
  const makers = { preHandler: requireRole(...PACK_ROLES) };

  const monthChoices = () => {
    const months: string[] = [];
    let m = londonDate(services.clock.now()).slice(0, 7);
    for (let i = 0; i < 6; i++) {
      months.push(m);
      m = nextMonth(`${m}-01`);
    }
    return months;
  };

  async function builderView(q: PackQuery, month: string) {
    const schemes = await services.pack.schemes();
    return {
      pageTitle: 'Make a Heritage Café pack',
      values: q,
      month,
      radii: PACK_RADII.map((r) => ({ value: String(r), text: countOf(r, 'mile'), selected: r === q.radius })),
      schemes: [{ value: '', text: 'Use the postcode or town' }, ...schemes.map((s) => ({ value: s.id, text: s.area, selected: s.id === q.scheme }))],
      months: monthChoices().map((m) => ({ value: m, text: formatMonth(m), selected: m === month })),
      interests: ACTIVITY_TYPES.map((t) => ({ value: t.code, text: t.label, checked: q.types.includes(t.code) })),
    };
  }

  const monthOf = (q: PackQuery) => q.month || nextMonth(londonDate(services.clock.now()));

  app.get(paths.pack.builder, makers, async (request, reply) => {
    const q = parseOrFail(packQuery, request.query);
    return reply.view('features/pack/pack-builder.njk', await builderView(q, monthOf(q)));
  });

  async function printPage(request: FastifyRequest, reply: FastifyReply) {
    const q = parseOrFail(packQuery, request.query);
    const month = monthOf(q);
    try {
      const pack = await services.pack.build({
        where: q.where,
        radiusMiles: q.radius,
        schemeId: q.scheme,
        month,
        types: q.types,
        free: q.free,
        stepFree: q.stepfree,
      });
      const search = packSearch(q, month);
      const view = await packPrintView(pack, q, {
        publicUrl: config.publicUrl,
        now: services.clock.now(),
        backHref: `${paths.pack.builder}?${search}`,
        pdfHref: config.chromiumPath ? `${paths.pack.pdf}?${search}` : null,
      });
      return reply.view('features/pack/pack-print.njk', { ...view, printCss: PRINT_CSS });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.status(422).view('features/pack/pack-builder.njk', { ...(await builderView(q, month)), ...toErrorItems(error.errors) });
    }
  }

  app.get(paths.pack.print, makers, printPage);

  const sendPdf = (request: FastifyRequest, reply: FastifyReply, path: string, file: string) =>
    sendPrintedPageAsPdf(app, config.chromiumPath, request, reply, { path, file });

  app.get(paths.pack.pdf, makers, async (request, reply) => {
    const q = parseOrFail(packQuery, request.query);
    const month = monthOf(q);
    return sendPdf(request, reply, `${paths.pack.print}?${packSearch(q, month)}`, `waymark-pack-${month}`);
  });

  app.get<WithId>(paths.pack.poster(':id'), makers, async (request, reply) => {
    const { size } = parseOrFail(posterQuery, request.query);
    const item = await services.pack.poster(request.params.id);
    const printed = await printedActivity(item, config.publicUrl);
    return reply.view('features/pack/poster.njk', {
      pageTitle: `Poster: ${item.activity.title}`,
      size,
      poster: printed,
      when: item.sessions.map(describeSession),
      next: item.dates[0] ? formatUkDate(item.dates[0].start) : null,
      otherSize: { href: `${paths.pack.poster(item.activity.id)}?size=${size === 'a4' ? 'a5' : 'a4'}`, text: size === 'a4' ? 'A5' : 'A4' },
      pdfHref: config.chromiumPath ? `${paths.pack.posterPdf(item.activity.id)}?size=${size}` : null,
      backHref: paths.pack.builder,
      printCss: PRINT_CSS,
    });
  });

  app.get<WithId>(paths.pack.posterPdf(':id'), makers, async (request, reply) => {
    const { size } = parseOrFail(posterQuery, request.query);
    const item = await services.pack.poster(request.params.id);
    return sendPdf(request, reply, `${paths.pack.poster(item.activity.id)}?size=${size}`, `waymark-poster-${item.activity.shortCode}-${size}`);
  });
}
