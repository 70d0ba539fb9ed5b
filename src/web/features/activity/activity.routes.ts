import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { orMergedRedirect } from '../../merged-redirect.ts';
import { paths } from '../../paths.ts';
import { readShortlist } from '../shortlist/shortlist-cookie.ts';
import { activityPageView } from './activity.view-model.ts';
import { contributionView } from '../contribute/contribution.view-model.ts';

type Params = { id: string };

/** The public activity page and its print view. */
export function registerActivityRoutes(app: FastifyInstance, services: Services, config: Config) {
  const view = async (request: FastifyRequest<{ Params: Params }>) => {
    const details = await services.publicActivities.getActivity(request.params.id, request.user);
    const a = activityPageView(details, {
      onShortlist: readShortlist(request).includes(details.activity.id),
      currentUrl: request.url,
      now: services.clock.now(),
      publicUrl: config.publicUrl,
      replyStats: await services.notify.replyStats.summary(details.activity.organisationId),
    });
    return { pageTitle: a.pageTitle, backHref: a.backHref, printedOn: a.printedOn, a };
  };

  app.get<{ Params: Params }>(paths.activity(':id'), async (request, reply) =>
    orMergedRedirect(services, reply, 'activity', request.params.id, paths.activity, async () => {
      const page = await view(request);
      // Stories its group shared (community heritage, decision 042): published, or private to the viewer's own group.
      const stories = await services.contributions.aboutActivity(request.params.id, { organisationIds: request.user?.organisationIds ?? [] });
      return reply.view('features/activity/activity.njk', {
        ...page,
        stories: stories.map(contributionView),
        storyHref: paths.activityMemoryNew(request.params.id),
      });
    }),
  );
  app.get<{ Params: Params }>(paths.activityPrint(':id'), async (request, reply) =>
    orMergedRedirect(services, reply, 'activity', request.params.id, paths.activityPrint, async () =>
      reply.view('features/activity/activity-print.njk', await view(request)),
    ),
  );
}
