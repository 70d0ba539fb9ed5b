import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatUkDate } from '../../render.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';

type Params = { id: string };

/** Coordinators: letters to people who asked to hear by post — print, post, mark as posted. */
export function registerLetterRoutes(app: FastifyInstance, services: Services) {
  const letters = services.notify.letters;
  app.get(paths.coordinator.letters, { preHandler: requireRole('coordinator') }, async (request, reply) => {
    const list = await letters.pending(request.user!);
    return reply.view('features/letters/letters.njk', {
      pageTitle: 'Letters to post',
      flash: flashFrom(request.query, { posted: 'The letter has been marked as posted.' }),
      letters: list.map((l) => ({
        ...l,
        date: formatUkDate(l.createdAt),
        paragraphs: l.body.split(/\n\s*\n/),
        postedAction: paths.coordinator.letterPosted(l.id),
      })),
    });
  });

  app.post<{ Params: Params }>(paths.coordinator.letterPosted(':id'), { preHandler: requireRole('coordinator') }, async (request, reply) => {
    await letters.markPosted(request.user!, request.params.id);
    return reply.redirect(`${paths.coordinator.letters}?done=posted`, 303);
  });
}
