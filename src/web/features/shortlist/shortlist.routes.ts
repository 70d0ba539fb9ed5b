import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { paths } from '../../paths.ts';
import { parseOrFail } from '../../forms.ts';
import { safeReturnTo } from '../../return-to.ts';
import { shortlistButtonForm } from './shortlist.form.ts';
import { readShortlist, writeShortlist } from './shortlist-cookie.ts';
import { parseSharedIds, shortlistPageView, SHORTLIST_MAX } from './shortlist.view-model.ts';

/** A shortlist of activities in a cookie: no sign-in. A share link carries the ids and shows them read-only. */
export function registerShortlistRoutes(app: FastifyInstance, services: Services, config: Config) {
  app.get(paths.shortlist, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const shared = parseSharedIds(query.ids);
    const ids = shared ?? readShortlist(request);
    const found = await services.publicActivities.shortlist(ids);
    const view = shortlistPageView(found, {
      shared: shared !== null,
      print: query.print === '1',
      publicUrl: config.publicUrl,
      currentUrl: request.url,
      ownShortlist: new Set(readShortlist(request)),
      now: services.clock.now(),
    });
    return reply.view(view.print ? 'features/shortlist/shortlist-print.njk' : 'features/shortlist/shortlist.njk', view);
  });

  app.post(paths.shortlistAdd, async (request, reply) => {
    const { id, returnTo } = parseOrFail(shortlistButtonForm, request.body);
    const current = readShortlist(request);
    if (!current.includes(id) && current.length >= SHORTLIST_MAX) {
      throw new ValidationFailed([{ field: 'id', message: `Your shortlist is full. It can hold ${SHORTLIST_MAX} activities: remove some to add more` }]);
    }
    writeShortlist(reply, [...current, id], config.secureCookies);
    return reply.redirect(safeReturnTo(returnTo, paths.shortlist), 303);
  });

  app.post(paths.shortlistRemove, async (request, reply) => {
    const { id, returnTo } = parseOrFail(shortlistButtonForm, request.body);
    writeShortlist(
      reply,
      readShortlist(request).filter((x) => x !== id),
      config.secureCookies,
    );
    return reply.redirect(safeReturnTo(returnTo, paths.shortlist), 303);
  });

  app.post(paths.shortlistClear, async (_request, reply) => {
    writeShortlist(reply, [], config.secureCookies);
    return reply.redirect(paths.shortlist, 303);
  });
}
