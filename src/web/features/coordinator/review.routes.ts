import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { contentOf, describeContent } from '../../../domain/listing-diff.ts';
import { ORGANISATION_STATES } from '../../../domain/listing-status.ts';
import { ORGANISATION_TYPES, labelOf } from '../../../domain/vocabulary.ts';
import { formatPostcode } from '../../../domain/contact-details.ts';
import { describeSession } from '../../../domain/schedule.ts';
import { paths } from '../../paths.ts';
import { formBody, handleForm, rerender, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { listingReviewForm, organisationReviewForm } from './review.form.ts';

type WithId = { Params: { id: string } };
const bodyText = (body: FormBody, key: string) => String(body[key] ?? '');

/** Review pages: one organisation, one new listing, one change. Each POST approves or rejects with a reason. */
export function registerReviewRoutes(app: FastifyInstance, services: Services) {
  const { organisations, review } = services.listings;

  async function organisationPage(request: FastifyRequest<WithId>, values: FormBody = {}) {
    const r = await organisations.review(request.user!, request.params.id);
    return {
      pageTitle: r.organisation.name,
      organisation: { ...r.organisation, typeLabel: labelOf(ORGANISATION_TYPES, r.organisation.orgType), state: ORGANISATION_STATES[r.organisation.status] },
      places: r.places,
      activities: r.activities,
      duplicates: await services.listings.duplicates.ofOrganisation(request.user!, r.organisation.id),
      parent: await services.listings.parentBodies.parentOf(r.organisation.id),
      values: { reason: bodyText(values, 'reason'), note: bodyText(values, 'note') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.organisation(':id'), async (request, reply) =>
    reply.view('features/coordinator/organisation.njk', await organisationPage(request)),
  );
  app.post<WithId>(paths.coordinator.organisation(':id'), async (request, reply) => {
    await organisations.review(request.user!, request.params.id); // 404 or 403 before any form errors
    return handleForm(request, reply, {
      schema: organisationReviewForm,
      view: 'features/coordinator/organisation.njk',
      context: (values) => organisationPage(request, values),
      handle: async (input) => {
        if (input.decision === 'approve') {
          await organisations.approve(request.user!, request.params.id, input.note);
          return `${paths.coordinator.organisations}?done=organisation-approved`;
        }
        await organisations.reject(request.user!, request.params.id, input);
        return `${paths.coordinator.organisations}?done=organisation-rejected`;
      },
    });
  });

  app.post<WithId>(paths.coordinator.organisationParent(':id'), async (request, reply) => {
    await organisations.review(request.user!, request.params.id); // 404 before any form errors
    const body = formBody(request.body);
    try {
      if (typeof body.parent !== 'string')
        throw new ValidationFailed([{ field: 'parent', message: 'Enter the name of the body it belongs to, or leave it empty' }]);
      await services.listings.parentBodies.setParent(request.user!, request.params.id, str(body.parent));
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      return rerender(reply, 'features/coordinator/organisation.njk', { ...(await organisationPage(request)), parentValue: str(body.parent) }, err.errors);
    }
    return reply.redirect(paths.coordinator.organisation(request.params.id), 303);
  });

  async function listingPage(request: FastifyRequest<WithId>, values: FormBody = {}) {
    const r = await review.listing(request.user!, request.params.id);
    const placeNames = r.place
      ? { [r.place.id]: [r.place.name, r.place.addressLine, r.place.town, formatPostcode(r.place.postcode)].filter(Boolean).join(', ') }
      : {};
    return {
      pageTitle: `Review: ${r.activity.title}`,
      activity: r.activity,
      organisation: r.organisation,
      rows: describeContent(contentOf(r.activity), placeNames).map((row) => ({ key: { text: row.label }, value: { text: row.value } })),
      sessions: r.sessions.map((s) => describeSession(s)),
      duplicates: await services.listings.duplicates.ofActivity(request.user!, r.activity.id),
      values: { reason: bodyText(values, 'reason'), decision: bodyText(values, 'decision') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.listing(':id'), async (request, reply) => reply.view('features/coordinator/listing.njk', await listingPage(request)));
  app.post<WithId>(paths.coordinator.listing(':id'), async (request, reply) => {
    await review.listing(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: listingReviewForm,
      view: 'features/coordinator/listing.njk',
      context: (values) => listingPage(request, values),
      handle: async (input) => {
        if (input.decision === 'approve') {
          await review.approveListing(request.user!, request.params.id);
          return `${paths.coordinator.listings}?done=listing-approved`;
        }
        if (input.decision === 'changes') {
          await review.requestListingChanges(request.user!, request.params.id, input);
          return `${paths.coordinator.listings}?done=listing-changes-requested`;
        }
        await review.rejectListing(request.user!, request.params.id, input);
        return `${paths.coordinator.listings}?done=listing-rejected`;
      },
    });
  });

  async function changePage(request: FastifyRequest<WithId>, values: FormBody = {}) {
    const r = await review.change(request.user!, request.params.id);
    return {
      pageTitle: `Review changes: ${r.activity.title}`,
      change: r.change,
      activity: r.activity,
      organisation: r.organisation,
      diff: r.diff,
      values: { reason: bodyText(values, 'reason'), decision: bodyText(values, 'decision') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.change(':id'), async (request, reply) => reply.view('features/coordinator/change.njk', await changePage(request)));
  app.post<WithId>(paths.coordinator.change(':id'), async (request, reply) => {
    await review.change(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: listingReviewForm,
      view: 'features/coordinator/change.njk',
      context: (values) => changePage(request, values),
      handle: async (input) => {
        if (input.decision === 'approve') {
          await review.approveChange(request.user!, request.params.id);
          return `${paths.coordinator.listings}?done=change-approved`;
        }
        if (input.decision === 'changes') {
          await review.requestChangeChanges(request.user!, request.params.id, input);
          return `${paths.coordinator.listings}?done=change-changes-requested`;
        }
        await review.rejectChange(request.user!, request.params.id, input);
        return `${paths.coordinator.listings}?done=change-rejected`;
      },
    });
  });
}
