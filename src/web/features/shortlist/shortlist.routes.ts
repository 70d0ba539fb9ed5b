import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { NotFound, ValidationFailed } from '../../../domain/errors.ts';
import { paths } from '../../paths.ts';
import { flashFrom } from '../../flash.ts';
import { parseOrFail } from '../../forms.ts';
import { safeReturnTo } from '../../return-to.ts';
import { shortlistButtonForm } from './shortlist.form.ts';
import { readShortlist, writeShortlist } from './shortlist-cookie.ts';
import { shortlistQuery } from './shortlist.query.ts';
import { clearShortlistView, ownShortlistView, sharedShortlistView, SHORTLIST_MAX, shortlistPrintView } from './shortlist.view-model.ts';
import { printStylesheet } from '../../print-css.ts';

type Shared = { Params: { shareCode: string } };

const PAGE = 'features/shortlist/shortlist.njk';
const PRINT = 'features/shortlist/shortlist-print.njk';
/** The print view carries its own styles, so a saved copy prints the same with no network. */
const PRINT_CSS = printStylesheet(new URL('./shortlist-print.css', import.meta.url));
const FLASH = {
  cleared: 'Your shortlist has been cleared',
  added: 'The shared activities have been added to your shortlist',
  full: `Your shortlist is full (it holds ${SHORTLIST_MAX} activities), so not all the shared activities were added`,
};

/** A button pressed by the page's script wants to know the new state instead of a page. */
const wantsJson = (request: FastifyRequest) => /\bapplication\/json\b/.test(request.headers.accept ?? '');

/**
 * A shortlist of activities in a cookie: no sign-in, nothing personal. Sharing stores a copy of the
 * list under a short code (decision 020); /s/CODE shows it read-only to anyone with the link.
 */
export function registerShortlistRoutes(app: FastifyInstance, services: Services, config: Config) {
  const changed = (request: FastifyRequest, reply: FastifyReply, ids: string[], onShortlist: boolean, returnTo: string) => {
    writeShortlist(reply, ids, config.secureCookies);
    if (wantsJson(request)) return reply.send({ onShortlist, count: ids.length });
    return reply.redirect(safeReturnTo(returnTo, paths.shortlist), 303);
  };

  const print = async (reply: FastifyReply, ids: readonly string[], opts: { backHref: string; shared: boolean }) => {
    const found = await services.publicActivities.shortlistDetails(ids);
    const view = await shortlistPrintView(found, { ...opts, publicUrl: config.publicUrl, now: services.clock.now() });
    return reply.view(PRINT, { ...view, printCss: PRINT_CSS });
  };

  app.get(paths.shortlist, async (request, reply) => {
    const query = parseOrFail(shortlistQuery, request.query);
    const ids = readShortlist(request);
    if (query.print) return print(reply, ids, { backHref: paths.shortlist, shared: false });
    const found = await services.publicActivities.shortlist(ids);
    // The share link is shown only while it still matches the list (the list may have changed since).
    let share: { code: string; publicUrl: string } | null = null;
    if (query.shared) {
      const stored = await services.sharedShortlists.open(query.shared).catch((err) => {
        if (err instanceof NotFound) return null;
        throw err;
      });
      const sameList = stored && stored.activityIds.join('.') === found.items.map((i) => i.id).join('.');
      if (stored && sameList) share = { code: stored.code, publicUrl: config.publicUrl };
    }
    return reply.view(PAGE, ownShortlistView(found, { share, flash: flashFrom(request.query, FLASH) }));
  });

  app.post(paths.shortlistAdd, async (request, reply) => {
    const { id, returnTo } = parseOrFail(shortlistButtonForm, request.body);
    const current = readShortlist(request);
    if (!current.includes(id) && current.length >= SHORTLIST_MAX) {
      throw new ValidationFailed([{ field: 'id', message: `Your shortlist is full. It can hold ${SHORTLIST_MAX} activities: remove some to add more` }]);
    }
    return changed(request, reply, [...new Set([...current, id])], true, returnTo);
  });

  app.post(paths.shortlistRemove, async (request, reply) => {
    const { id, returnTo } = parseOrFail(shortlistButtonForm, request.body);
    return changed(
      request,
      reply,
      readShortlist(request).filter((x) => x !== id),
      false,
      returnTo,
    );
  });

  app.post(paths.shortlistShare, async (request, reply) => {
    const code = await services.sharedShortlists.share(readShortlist(request));
    return reply.redirect(`${paths.shortlist}?shared=${code}#share`, 303);
  });

  app.get(paths.shortlistClear, async (request, reply) => reply.view('features/shortlist/clear.njk', clearShortlistView(readShortlist(request).length)));

  app.post(paths.shortlistClear, async (_request, reply) => {
    writeShortlist(reply, [], config.secureCookies);
    return reply.redirect(`${paths.shortlist}?done=cleared`, 303);
  });

  app.get<Shared>(paths.sharedShortlist(':shareCode'), async (request, reply) => {
    const query = parseOrFail(shortlistQuery, request.query);
    const found = await services.sharedShortlists.open(request.params.shareCode);
    if (query.print) return print(reply, found.activityIds, { backHref: paths.sharedShortlist(found.code), shared: true });
    return reply.view(PAGE, sharedShortlistView(found));
  });

  app.post<Shared>(paths.sharedShortlistAdd(':shareCode'), async (request, reply) => {
    const found = await services.sharedShortlists.open(request.params.shareCode);
    const current = readShortlist(request);
    const merged = [...new Set([...current, ...found.items.map((i) => i.id)])];
    writeShortlist(reply, merged.slice(0, SHORTLIST_MAX), config.secureCookies);
    return reply.redirect(`${paths.shortlist}?done=${merged.length > SHORTLIST_MAX ? 'full' : 'added'}`, 303);
  });
}
