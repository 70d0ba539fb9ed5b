import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { EDITABLE_STATUSES, REPORT_REASONS } from '../../../domain/contribution.ts';
import { NotFound, ValidationFailed } from '../../../domain/errors.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import { type About, CONTRIBUTING_ROLES, type PlaceRef } from '../../../services/contribution.service.ts';
import { MAX_PHOTO_BYTES } from '../../../services/photo-images.ts';
import { MAX_RECORDING_BYTES, RECORDING_CONTENT_TYPES } from '../../../services/audio-recordings.ts';
import { flashFrom } from '../../flash.ts';
import { formBody, handleForm, rerender } from '../../forms.ts';
import { multipartForm } from '../../middleware/multipart-form.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { uploadRateLimit } from '../../upload-limits.ts';
import { formatUkDate } from '../../render.ts';
import { signUpForm } from '../account/account.form.ts';
import { decisionForm, eraseForm, memoryContributionForm, photoFrom, placeContributionForm, recordingForm, reportForm } from './contribution.form.ts';
import {
  contributionView,
  creditItems,
  eraseChoiceItems,
  formValues,
  licenceItems,
  memoryAboutView,
  openDataCsv,
  openDataGeojson,
  placeKindItems,
  placePageView,
  reportReasonItems,
  statusTag,
  yourDataExport,
} from './contribution.view-model.ts';

const V = 'features/contribute/';
const FORM = `${V}contribution-form.njk`;
type WithId = { Params: { id: string } };
type WithRef = { Params: { placeRef: string } };
type WithStop = { Params: { id: string; stopId: string } };

/** A place reference from the URL: a contributed place's id, or a designated one's source and number. */
/** The URL part of a place reference (the inverse of parsePlaceRef). */
export const placeRefPath = (ref: PlaceRef) => paths.place('contributionId' in ref ? ref.contributionId : `${ref.source}-${ref.sourceId}`);

export function parsePlaceRef(ref: string): PlaceRef {
  const m = /^(nhle|museum)-(.+)$/i.exec(ref);
  return m ? { source: m[1]!.toLowerCase() as 'nhle' | 'museum', sourceId: m[2]! } : { contributionId: ref.toLowerCase() };
}

/** Community heritage (issue 11, decision 042): contributing, the place page, reports, moderation and open data. */
export function registerContributeRoutes(app: FastifyInstance, services: Services, config: Config) {
  const contributions = services.contributions;
  const contributors = { preHandler: requireRole(...CONTRIBUTING_ROLES) };
  const moderators = { preHandler: requireRole('coordinator', 'admin', 'provider') };
  // Per address per hour, on top of the per-account daily limits in the service.
  const limited = { config: uploadRateLimit(config) };
  // A form with a photo: the role check first, then the body is read (decision 017), limited per address.
  const multipart = multipartForm({ maxFileBytes: MAX_PHOTO_BYTES, fileAsBytes: true, maxFields: 24 });
  const withPhoto = {
    config: { ...multipart.config, ...limited.config },
    preHandler: [requireRole(...CONTRIBUTING_ROLES), multipart.preHandler as preHandlerHookHandler],
  };
  const viewer = (request: FastifyRequest) => ({ organisationIds: request.user?.organisationIds ?? [] });
  const shownAt = async (request: FastifyRequest<WithId>) => {
    const where = await contributions.whereShown(request.params.id, viewer(request));
    if (!where) return null;
    if ('place' in where) return placeRefPath(where.place);
    if ('walkStop' in where) return `${paths.walks.walk(where.walkStop.walkId)}#stop-${where.walkStop.position}`;
    return paths.activity(where.activityId);
  };
  const staff = (request: FastifyRequest) => request.user?.role === 'provider' || request.user?.role === 'connector';

  const formContext = (request: FastifyRequest, kind: 'place' | 'memory', extra: Record<string, unknown>) => (values: Record<string, unknown>) => {
    const v = formValues(values);
    return {
      kind,
      values: v,
      staff: staff(request),
      creditItems: creditItems(v),
      licenceItems: licenceItems(v),
      placeKindItems: placeKindItems(v),
      fieldErrors: {},
      ...extra,
    };
  };

  // Start: what you can add, and how.
  app.get(paths.contribute.start, async (request, reply) =>
    reply.view(`${V}start.njk`, {
      pageTitle: 'Add to your local heritage',
      canContribute: request.user && (CONTRIBUTING_ROLES as readonly string[]).includes(request.user.role),
      flash: flashFrom(request.query, {
        erased: 'Your account has been erased.',
        'check-email': 'We have sent you an email. Open the link in it to confirm your address, then sign in to add what matters to you.',
      }),
    }),
  );

  const signUpPage = {
    pageTitle: 'Create an account to add community heritage',
    intro:
      'To add places and memories to Waymark you need an account, so that you can change or take down what you added. We will email you a link to confirm your address. We show only the name you choose to be credited with.',
    action: paths.contribute.signUp,
    emailLabel: 'Email address',
  };
  app.get(paths.contribute.signUp, async (_request, reply) => reply.view('features/account/sign-up.njk', { ...signUpPage, values: {} }));
  app.post(paths.contribute.signUp, limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: signUpForm,
      view: 'features/account/sign-up.njk',
      context: (values) => ({ ...signUpPage, values: { displayName: String(values.displayName ?? ''), email: String(values.email ?? '') } }),
      handle: async (input) => {
        await services.accounts.signUpContributor(input);
        return `${paths.contribute.start}?done=check-email`;
      },
    }),
  );

  // Adding a place that matters.
  const placePage = { pageTitle: 'Add a place that matters', action: paths.contribute.newPlace };
  app.get(paths.contribute.newPlace, contributors, async (request, reply) => reply.view(FORM, formContext(request, 'place', placePage)({})));
  app.post(paths.contribute.newPlace, withPhoto, async (request, reply) =>
    handleForm(request, reply, {
      schema: placeContributionForm,
      view: FORM,
      context: formContext(request, 'place', placePage),
      handle: async (input) => paths.contribute.item(await contributions.addPlace(request.user!, input, photoFrom(formBody(request.body)))),
    }),
  );

  // Adding a memory about a place (designated or contributed) or an activity.
  async function memoryAbout(request: FastifyRequest<WithRef>): Promise<{ about: About; name: string }> {
    const ref = parsePlaceRef(request.params.placeRef);
    const page = await contributions.placePage(ref, viewer(request));
    return page.kind === 'contributed'
      ? { about: { placeId: page.place.id }, name: page.place.title }
      : { about: { heritageAssetId: page.asset.id }, name: page.asset.name };
  }
  const memoryPage = (name: string, action: string) => ({ pageTitle: `Add a memory of ${name}`, action, aboutName: name });
  app.get<WithRef>(paths.placeMemoryNew(':placeRef'), contributors, async (request, reply) => {
    const { name } = await memoryAbout(request);
    return reply.view(FORM, formContext(request, 'memory', memoryPage(name, paths.placeMemoryNew(request.params.placeRef)))({}));
  });
  app.post<WithRef>(paths.placeMemoryNew(':placeRef'), withPhoto, async (request, reply) => {
    const { about, name } = await memoryAbout(request);
    return handleForm(request, reply, {
      schema: memoryContributionForm,
      view: FORM,
      context: formContext(request, 'memory', memoryPage(name, paths.placeMemoryNew(request.params.placeRef))),
      handle: async (input) => paths.contribute.item(await contributions.addMemory(request.user!, about, input, photoFrom(formBody(request.body)))),
    });
  });
  const activityName = async (id: string) => (await services.publicActivities.getActivity(id)).activity.title;
  app.get<WithId>(paths.activityMemoryNew(':id'), contributors, async (request, reply) => {
    const name = await activityName(request.params.id);
    return reply.view(FORM, formContext(request, 'memory', memoryPage(name, paths.activityMemoryNew(request.params.id)))({}));
  });
  app.post<WithId>(paths.activityMemoryNew(':id'), withPhoto, async (request, reply) => {
    const name = await activityName(request.params.id);
    return handleForm(request, reply, {
      schema: memoryContributionForm,
      view: FORM,
      context: formContext(request, 'memory', memoryPage(name, paths.activityMemoryNew(request.params.id))),
      handle: async (input) =>
        paths.contribute.item(await contributions.addMemory(request.user!, { activityId: request.params.id }, input, photoFrom(formBody(request.body)))),
    });
  });

  // Adding a memory about a stop on a published walk (decision 048).
  async function stopAbout(request: FastifyRequest<WithStop>) {
    const stop = await contributions.walkStop(request.params.stopId);
    if (stop.walkId !== request.params.id) throw new NotFound('Stop');
    return {
      about: { walkStopId: stop.id },
      name: `stop ${stop.position} of ${stop.walkTitle}, ${stop.name}`,
      action: paths.walks.stopMemoryNew(stop.walkId, stop.id),
    };
  }
  app.get<WithStop>(paths.walks.stopMemoryNew(':id', ':stopId'), contributors, async (request, reply) => {
    const { name, action } = await stopAbout(request);
    return reply.view(FORM, formContext(request, 'memory', memoryPage(name, action))({}));
  });
  app.post<WithStop>(paths.walks.stopMemoryNew(':id', ':stopId'), withPhoto, async (request, reply) => {
    const { about, name, action } = await stopAbout(request);
    return handleForm(request, reply, {
      schema: memoryContributionForm,
      view: FORM,
      context: formContext(request, 'memory', memoryPage(name, action)),
      handle: async (input) => paths.contribute.item(await contributions.addMemory(request.user!, about, input, photoFrom(formBody(request.body)))),
    });
  });

  // A memory's one recording, with its transcript (decision 048): its own form, one file per post as photos.
  const recordingUpload = multipartForm({ maxFileBytes: MAX_RECORDING_BYTES, fileAsBytes: true, maxFields: 4 });
  const withRecording = {
    config: { ...recordingUpload.config, ...limited.config },
    preHandler: [requireRole(...CONTRIBUTING_ROLES), recordingUpload.preHandler as preHandlerHookHandler],
  };
  const RECORDING_FORM = `${V}recording-form.njk`;
  const recordingPage = async (request: FastifyRequest<WithId>) => {
    const { item } = await contributions.own(request.user!, request.params.id);
    if (item.kind !== 'memory' || !EDITABLE_STATUSES.includes(item.status)) throw new NotFound('Contribution');
    return (values: Record<string, unknown>) => ({
      pageTitle: item.recording ? 'Replace the recording' : 'Add a recording',
      itemTitle: item.title,
      action: paths.contribute.recording(item.id),
      backHref: paths.contribute.item(item.id),
      values: { transcript: String(values.transcript ?? item.recording?.transcript ?? '') },
      fieldErrors: {},
    });
  };
  app.get<WithId>(paths.contribute.recording(':id'), contributors, async (request, reply) => reply.view(RECORDING_FORM, (await recordingPage(request))({})));
  app.post<WithId>(paths.contribute.recording(':id'), withRecording, async (request, reply) => {
    const context = await recordingPage(request); // someone else's: 404 before any form errors
    return handleForm(request, reply, {
      schema: recordingForm,
      view: RECORDING_FORM,
      context,
      handle: async (input) => {
        await contributions.addRecording(request.user!, request.params.id, input);
        return `${paths.contribute.item(request.params.id)}?done=recording`;
      },
    });
  });
  app.post<WithId>(paths.contribute.recordingRemove(':id'), contributors, async (request, reply) => {
    await contributions.removeRecording(request.user!, request.params.id);
    return reply.redirect(`${paths.contribute.item(request.params.id)}?done=recording-removed`, 303);
  });
  app.get<{ Params: { recordingId: string } }>(paths.recording(':recordingId'), async (request, reply) => {
    const { format, bytes } = await contributions.recording(request.params.recordingId, request.user);
    return reply
      .type(RECORDING_CONTENT_TYPES[format])
      .header('content-disposition', `inline; filename="recording.${format}"`)
      .header('cross-origin-resource-policy', 'same-origin')
      .send(bytes);
  });

  // What you added.
  app.get(paths.contribute.yours, contributors, async (request, reply) => {
    const items = await contributions.mine(request.user!);
    return reply.view(`${V}yours.njk`, {
      pageTitle: 'What you added',
      items: items.map((c) => ({
        title: c.title,
        href: paths.contribute.item(c.id),
        kind: c.kind === 'place' ? 'Place' : 'Memory',
        tag: statusTag(c),
        mine: c.contributorId === request.user!.id,
      })),
      flash: flashFrom(request.query, { 'email-confirmed': 'Your email address is confirmed. You can now add places and memories.' }),
    });
  });

  const itemPage = async (request: FastifyRequest<WithId>) => {
    const { item, missing } = await contributions.own(request.user!, request.params.id);
    return {
      pageTitle: item.title,
      item: contributionView(item),
      status: item.status,
      statusMessage: item.statusMessage,
      editable: EDITABLE_STATUSES.includes(item.status),
      canTakeDown: item.status !== 'removed',
      missing: missing.map((m) => ({ text: m.message, href: `${paths.contribute.edit(item.id)}#${m.field}` })),
      publicHref: item.kind === 'place' ? paths.place(item.id) : null,
      recordingHref: item.kind === 'memory' ? paths.contribute.recording(item.id) : null,
      hasRecording: item.recording !== null,
      submittedAt: item.submittedAt ? formatUkDate(item.submittedAt) : null,
    };
  };
  app.get<WithId>(paths.contribute.item(':id'), contributors, async (request, reply) =>
    reply.view(`${V}item.njk`, {
      ...(await itemPage(request)),
      flash: flashFrom(request.query, {
        sent: 'Sent for review. We will email you when it is published.',
        recording: 'The recording has been added.',
        'recording-removed': 'The recording has been removed.',
      }),
    }),
  );
  app.post<WithId>(paths.contribute.send(':id'), contributors, async (request, reply) => {
    try {
      await contributions.submit(request.user!, request.params.id);
      return reply.redirect(`${paths.contribute.item(request.params.id)}?done=sent`, 303);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      return rerender(reply, `${V}item.njk`, await itemPage(request), err.errors);
    }
  });
  app.post<WithId>(paths.contribute.takeDown(':id'), contributors, async (request, reply) => {
    await contributions.withdraw(request.user!, request.params.id);
    return reply.redirect(paths.contribute.yours, 303);
  });

  const editPage = (id: string, kind: 'place' | 'memory') => ({
    pageTitle: kind === 'place' ? 'Change the place' : 'Change the memory',
    action: paths.contribute.edit(id),
  });
  app.get<WithId>(paths.contribute.edit(':id'), contributors, async (request, reply) => {
    const { item } = await contributions.own(request.user!, request.params.id);
    return reply.view(FORM, formContext(request, item.kind, editPage(item.id, item.kind))(item as unknown as Record<string, unknown>));
  });
  app.post<WithId>(paths.contribute.edit(':id'), withPhoto, async (request, reply) => {
    const { item } = await contributions.own(request.user!, request.params.id); // someone else's: 404 before any form errors
    return handleForm(request, reply, {
      schema: item.kind === 'place' ? placeContributionForm : memoryContributionForm,
      view: FORM,
      context: formContext(request, item.kind, editPage(item.id, item.kind)),
      handle: async (input) => {
        await contributions.edit(request.user!, item.id, input, photoFrom(formBody(request.body)));
        return paths.contribute.item(item.id);
      },
    });
  });

  // A contributor's own data: everything held (subject access), and erasure with their choice (decision 042).
  const ownData = { preHandler: requireRole('contributor') };
  const yourDataPage = async (request: FastifyRequest) => {
    const data = await contributions.yourData(request.user!);
    return { pageTitle: 'Your data', count: data.items.length, values: {}, choiceItems: eraseChoiceItems({}) };
  };
  app.get(paths.contribute.yourData, ownData, async (request, reply) => reply.view(`${V}your-data.njk`, await yourDataPage(request)));
  app.get(paths.contribute.yourDataJson, ownData, async (request, reply) => {
    const data = await contributions.yourData(request.user!);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="waymark-your-data.json"')
      .send(JSON.stringify(yourDataExport(data), null, 2));
  });
  app.post(paths.contribute.yourDataErase, ownData, async (request, reply) =>
    handleForm(request, reply, {
      schema: eraseForm,
      view: `${V}your-data.njk`,
      context: async (values) => ({ ...(await yourDataPage(request)), choiceItems: eraseChoiceItems(values) }),
      handle: async ({ choice }) => {
        await contributions.eraseYourself(request.user!, choice);
        return `${paths.contribute.start}?done=erased`;
      },
    }),
  );

  // An administrator answering a contributor's subject access or erasure request (found by the privacy search).
  const admins = { preHandler: requireRole('admin') };
  const contributorPage = async (request: FastifyRequest<WithId>) => {
    const data = await contributions.contributorData(request.user!, request.params.id, 'viewed');
    return {
      pageTitle: 'A contributor’s data',
      id: request.params.id,
      account: data.account && { name: data.account.displayName, email: data.account.email, opened: formatUkDate(data.account.createdAt) },
      items: data.items.map((c) => ({ title: c.title, kind: c.kind === 'place' ? 'Place' : 'Memory', status: statusTag(c).text })),
      reports: data.reports.length,
      values: {},
      choiceItems: eraseChoiceItems({}, 'them'),
    };
  };
  app.get<WithId>(paths.admin.contributorPrivacy(':id'), admins, async (request, reply) =>
    reply.view(`${V}contributor-privacy.njk`, await contributorPage(request)),
  );
  app.get<WithId>(paths.admin.contributorExport(':id'), admins, async (request, reply) => {
    const data = await contributions.contributorData(request.user!, request.params.id, 'exported');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="waymark-contributor-${request.params.id}.json"`)
      .send(JSON.stringify(yourDataExport(data), null, 2));
  });
  app.post<WithId>(paths.admin.contributorErase(':id'), admins, async (request, reply) =>
    handleForm(request, reply, {
      schema: eraseForm,
      view: `${V}contributor-privacy.njk`,
      context: async (values) => ({ ...(await contributorPage(request)), choiceItems: eraseChoiceItems(values, 'them') }),
      handle: async ({ choice }) => {
        await contributions.eraseContributorFor(request.user!, request.params.id, choice);
        return `${paths.admin.home}?done=contributorErased`;
      },
    }),
  );

  // The place page.
  app.get<WithRef>(paths.place(':placeRef'), async (request, reply) => {
    const page = await contributions.placePage(parsePlaceRef(request.params.placeRef), viewer(request));
    const passing = await services.walks.passing(page.kind === 'designated' ? { heritageAssetId: page.asset.id } : { contributedPlaceId: page.place.id });
    return reply.view(`${V}place.njk`, {
      ...placePageView(page, paths.placeMemoryNew(request.params.placeRef)),
      walks: passing.map((w) => ({ title: w.title, town: w.town, stop: `stop ${w.stop}, ${w.stopName}`, href: `${paths.walks.walk(w.id)}#stop-${w.stop}` })),
      flash: flashFrom(request.query, { reported: 'Thank you. A moderator will look at it.' }),
    });
  });

  // Photos: only Waymark's own copies, by Waymark's own ids.
  app.get<{ Params: { photoId: string; photoCopy: string } }>(paths.photo(':photoId', ':photoCopy'), async (request, reply) => {
    const [size, ext] = request.params.photoCopy.split('.') as ['small' | 'large', 'jpg' | 'webp'];
    const copy = `${size}_${ext === 'jpg' ? 'jpeg' : 'webp'}` as const;
    // A walk stop's photo (decision 048), else a contribution's: each service decides who may see its own.
    const bytes =
      (await services.walks.stopPhoto(request.params.photoId, copy, request.user)) ?? (await contributions.photo(request.params.photoId, copy, request.user));
    return reply
      .type(ext === 'jpg' ? 'image/jpeg' : 'image/webp')
      .header('content-disposition', 'inline')
      .header('cross-origin-resource-policy', 'same-origin')
      .send(bytes);
  });

  // Reports from readers (signed in or not).
  const reportPage = (id: string) => ({ pageTitle: 'Report a problem with this item', action: paths.contribute.report(id) });
  app.get<WithId>(paths.contribute.report(':id'), async (request, reply) => {
    if (!(await shownAt(request))) return reply.callNotFound();
    return reply.view(`${V}report.njk`, { ...reportPage(request.params.id), reasonItems: reportReasonItems({}), values: {} });
  });
  app.post<WithId>(paths.contribute.report(':id'), limited, async (request, reply) => {
    const back = await shownAt(request);
    if (!back) return reply.callNotFound();
    return handleForm(request, reply, {
      schema: reportForm,
      view: `${V}report.njk`,
      context: (values) => ({ ...reportPage(request.params.id), reasonItems: reportReasonItems(values), values: { details: String(values.details ?? '') } }),
      handle: async (input) => {
        const visitorKey = createHash('sha256').update(request.ip).digest('hex');
        await contributions.report({ userId: request.user?.id ?? null, visitorKey }, request.params.id, input.reason, input.details);
        return `${back}?done=reported`;
      },
    });
  });

  // Moderation.
  app.get(paths.contribute.review, moderators, async (request, reply) => {
    const items = await contributions.queue(request.user!);
    return reply.view(`${V}review-queue.njk`, {
      pageTitle: 'Community heritage to review',
      items: items.map((c) => ({
        title: c.title,
        href: paths.contribute.reviewItem(c.id),
        kind: c.kind === 'place' ? 'Place' : 'Memory',
        tag: statusTag(c),
        reports: c.reports,
        hidden: c.hiddenByReports,
        submitted: c.submittedAt ? formatUkDate(c.submittedAt) : '',
      })),
      flash: flashFrom(request.query, { decided: 'Your decision is saved and the contributor has been told.' }),
    });
  });
  const reviewPage = async (request: FastifyRequest<WithId>) => {
    const { item, reports, about } = await contributions.forModeration(request.user!, request.params.id);
    return {
      pageTitle: `Review: ${item.title}`,
      item: contributionView(item),
      about: memoryAboutView(about),
      status: item.status,
      hidden: item.hiddenByReports,
      reports: reports.map((r) => ({ reason: labelOf(REPORT_REASONS, r.reason), details: r.details, at: formatUkDate(r.createdAt) })),
      action: paths.contribute.reviewItem(item.id),
      values: {},
    };
  };
  app.get<WithId>(paths.contribute.reviewItem(':id'), moderators, async (request, reply) => reply.view(`${V}review-item.njk`, await reviewPage(request)));
  app.post<WithId>(paths.contribute.reviewItem(':id'), moderators, async (request: FastifyRequest<WithId>, reply: FastifyReply) => {
    const page = await reviewPage(request); // not theirs to moderate: 404 before any form errors
    return handleForm(request, reply, {
      schema: decisionForm,
      view: `${V}review-item.njk`,
      context: (values) => ({ ...page, values: { message: String(values.message ?? '') } }),
      handle: async (decision) => {
        await contributions.decide(request.user!, request.params.id, decision);
        return `${paths.contribute.review}?done=decided`;
      },
    });
  });

  // Open data: published items under open licences only, each with its credit and licence.
  app.get(paths.contribute.openDataGeojson, async (_request, reply) =>
    reply
      .type('application/geo+json; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .send(JSON.stringify(openDataGeojson(await contributions.openData(), config.publicUrl))),
  );
  app.get(paths.contribute.openDataCsv, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="waymark-community-heritage.csv"')
      .send(openDataCsv(await contributions.openData(), config.publicUrl)),
  );
}
