import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { contentOf, describeContent } from '../../../domain/listing-diff.ts';
import { ORGANISATION_STATES } from '../../../domain/listing-status.ts';
import { ORGANISATION_TYPES, labelOf } from '../../../domain/vocabulary.ts';
import { describeSession } from '../../../domain/schedule.ts';
import { paths } from '../../paths.ts';
import { handleForm } from '../provider/form-post.ts';

type WithId = { Params: { id: string } };
const decisionOf = (body: unknown) => String((body as Record<string, unknown> | undefined)?.decision ?? '');
const bodyText = (body: unknown, key: string) => String((body as Record<string, unknown> | undefined)?.[key] ?? '');

/** Review pages: one organisation, one new listing, one change. Each POST approves or rejects with a reason. */
export function registerReviewRoutes(app: FastifyInstance, services: Services) {
  const { organisations, review } = services.listings;

  async function organisationPage(request: FastifyRequest<WithId>) {
    const r = await organisations.review(request.user!, request.params.id);
    return {
      pageTitle: r.organisation.name,
      organisation: { ...r.organisation, typeLabel: labelOf(ORGANISATION_TYPES, r.organisation.orgType), state: ORGANISATION_STATES[r.organisation.status] },
      places: r.places,
      activities: r.activities,
      values: { reason: bodyText(request.body, 'reason'), note: bodyText(request.body, 'note') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.organisation(':id'), async (request, reply) =>
    reply.view('features/coordinator/organisation.njk', await organisationPage(request)),
  );
  app.post<WithId>(paths.coordinator.organisation(':id'), async (request, reply) => {
    const context = await organisationPage(request);
    return handleForm(reply, { view: 'features/coordinator/organisation.njk', context }, async () => {
      if (decisionOf(request.body) === 'approve') {
        await organisations.approve(request.user!, request.params.id, bodyText(request.body, 'note'));
        return reply.redirect(`${paths.coordinator.organisations}?done=organisation-approved`, 303);
      }
      await organisations.reject(request.user!, request.params.id, request.body);
      return reply.redirect(`${paths.coordinator.organisations}?done=organisation-rejected`, 303);
    });
  });

  async function listingPage(request: FastifyRequest<WithId>) {
    const r = await review.listing(request.user!, request.params.id);
    const placeNames = r.place ? { [r.place.id]: [r.place.name, r.place.addressLine, r.place.town, r.place.postcode].filter(Boolean).join(', ') } : {};
    return {
      pageTitle: `Review: ${r.activity.title}`,
      activity: r.activity,
      organisation: r.organisation,
      rows: describeContent(contentOf(r.activity), placeNames).map((row) => ({ key: { text: row.label }, value: { text: row.value } })),
      sessions: r.sessions.map((s) => describeSession(s)),
      values: { reason: bodyText(request.body, 'reason') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.listing(':id'), async (request, reply) =>
    reply.view('features/coordinator/listing.njk', await listingPage(request)),
  );
  app.post<WithId>(paths.coordinator.listing(':id'), async (request, reply) => {
    const context = await listingPage(request);
    return handleForm(reply, { view: 'features/coordinator/listing.njk', context }, async () => {
      if (decisionOf(request.body) === 'approve') {
        await review.approveListing(request.user!, request.params.id);
        return reply.redirect(`${paths.coordinator.listings}?done=listing-approved`, 303);
      }
      await review.rejectListing(request.user!, request.params.id, request.body);
      return reply.redirect(`${paths.coordinator.listings}?done=listing-rejected`, 303);
    });
  });

  async function changePage(request: FastifyRequest<WithId>) {
    const r = await review.change(request.user!, request.params.id);
    return {
      pageTitle: `Review changes: ${r.activity.title}`,
      change: r.change,
      activity: r.activity,
      organisation: r.organisation,
      diff: r.diff,
      values: { reason: bodyText(request.body, 'reason') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.change(':id'), async (request, reply) =>
    reply.view('features/coordinator/change.njk', await changePage(request)),
  );
  app.post<WithId>(paths.coordinator.change(':id'), async (request, reply) => {
    const context = await changePage(request);
    return handleForm(reply, { view: 'features/coordinator/change.njk', context }, async () => {
      if (decisionOf(request.body) === 'approve') {
        await review.approveChange(request.user!, request.params.id);
        return reply.redirect(`${paths.coordinator.listings}?done=change-approved`, 303);
      }
      await review.rejectChange(request.user!, request.params.id, request.body);
      return reply.redirect(`${paths.coordinator.listings}?done=change-rejected`, 303);
    });
  });
}
