import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../../config.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import type { Services } from '../../../services.ts';
import type { CalendarEntry } from '../../../services/calendar.service.ts';
import { calendarFeed, informationPointFeed } from '../../icalendar.ts';
import { orMergedRedirect } from '../../merged-redirect.ts';
import { paths } from '../../paths.ts';
import { parseSearchQuery } from '../search/search.query.ts';

/**
 * iCalendar feeds to subscribe to (issue 10, decision 031): an activity, an organisation, any public
 * search with the search page's filters. Open data: no session, cacheable for an hour.
 */
export function registerCalendarRoutes(app: FastifyInstance, services: Services, config: Config) {
  const send = (reply: FastifyReply, name: string, file: string, entries: CalendarEntry[]) =>
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}.ics"`)
      .header('cache-control', 'public, max-age=3600')
      .send(calendarFeed(entries, { name, publicUrl: config.publicUrl, now: services.clock.now() }));

  app.get<{ Params: { id: string } }>(paths.calendars.activity(':id'), async (request, reply) =>
    orMergedRedirect(services, reply, 'activity', request.params.id, paths.calendars.activity, async () => {
      const feed = await services.calendars.activity(request.params.id);
      return send(reply, feed.name, `waymark-${feed.entries[0]?.activity.shortCode ?? 'activity'}`, feed.entries);
    }),
  );

  app.get<{ Params: { id: string } }>(paths.calendars.organisation(':id'), async (request, reply) =>
    orMergedRedirect(services, reply, 'organisation', request.params.id, paths.calendars.organisation, async () => {
      const feed = await services.calendars.organisation(request.params.id);
      return send(reply, feed.name, 'waymark-organisation', feed.entries);
    }),
  );

  app.get<{ Params: { id: string } }>(paths.calendars.informationPoint(':id'), async (request, reply) => {
    const point = await services.informationPoints.get(request.params.id);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="waymark-information-point.ics"')
      .header('cache-control', 'public, max-age=3600')
      .send(informationPointFeed(point, { publicUrl: config.publicUrl, now: services.clock.now() }));
  });

  app.get(paths.calendars.search, async (request, reply) => {
    try {
      const feed = await services.calendars.search(parseSearchQuery(request.query as Record<string, unknown>));
      return send(reply, 'Heritage wellbeing activities (Waymark search)', 'waymark-search', feed.entries);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.status(422).send({ error: error.message, status: 422, errors: error.errors });
    }
  });
}
