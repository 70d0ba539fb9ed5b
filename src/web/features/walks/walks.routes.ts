import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Config } from '../../../config.ts';
import { NotFound, ValidationFailed } from '../../../domain/errors.ts';
import { formatPostcode } from '../../../domain/contact-details.ts';
import { GRADIENTS, publishProblems, SURFACES, type Walk, type WalkStop } from '../../../domain/walks.ts';
import { heritageCategoryName } from '../../../domain/heritage-sources.ts';
import type { Services } from '../../../services.ts';
import { WALKS_NEAR_MILES } from '../../../services/walk.service.ts';
import { flashFrom } from '../../flash.ts';
import { formBody, handleForm, parseOrFail, toErrorItems } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { sendPrintedPageAsPdf } from '../../pdf.ts';
import { printStylesheet } from '../../print-css.ts';
import { qrCodeSvg } from '../../qr-code.ts';
import { formatUkDate } from '../../render.ts';
import { MAX_PHOTO_BYTES } from '../../../services/photo-images.ts';
import { multipartForm } from '../../middleware/multipart-form.ts';
import { uploadRateLimit } from '../../upload-limits.ts';
import { contributionView } from '../contribute/contribution.view-model.ts';
import { moveForm, stopForm, stopPhotoFrom, walkForm, walksQuery } from './walk.form.ts';
import { walkGpx, walksGeoJson, WALK_LICENCE } from './walk-files.ts';
import { stopView, walkListItem, walkView } from './walk.view-model.ts';

/** The route card carries its own styles (the shared print base, then its own), so a saved copy prints the same. */
const ROUTE_CARD_CSS = printStylesheet(new URL('./route-card.css', import.meta.url));

/** Who writes walks: provider staff for their organisation, coordinators in their area, administrators. */
export const WALK_AUTHORS = ['provider', 'coordinator', 'admin'] as const;

type WithId = { Params: { id: string } };
type WithStop = { Params: { id: string; stopId: string } };

const FLASH = {
  created: 'The walk has been started. Add its stops in order.',
  saved: 'The walk has been saved.',
  stopAdded: 'The stop has been added.',
  stopSaved: 'The stop has been saved.',
  stopRemoved: 'The stop has been removed.',
  moved: 'The stops have been reordered.',
  published: 'The walk has been published. It is now listed on the walks page, in search and on the phone line.',
  unpublished: 'The walk has been taken back to draft. The public no longer see it.',
  backToDraft: 'The walk has been saved and is back to draft until a coordinator of the area publishes it again.',
};

const STOP_FORM = 'features/walks/stop-form.njk';
const WALK_FORM = 'features/walks/walk-form.njk';
const EDIT = 'features/walks/walk-edit.njk';

/** A download's file name from the walk's title: lower-case letters, digits and dashes. */
const fileName = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'walk';

const radioItems = (vocab: readonly { code: string; label: string }[]) => vocab.map((t) => ({ value: t.code, text: t.label }));

function stopValues(stop: WalkStop | null) {
  if (!stop) return { stepFree: 'yes', legStepFree: 'yes', legSurface: 'paved', legGradient: 'flat' };
  return {
    name: stop.name,
    postcode: stop.postcode ? formatPostcode(stop.postcode) : '',
    latitude: stop.postcode ? '' : String(stop.latitude),
    longitude: stop.postcode ? '' : String(stop.longitude),
    directions: stop.directions,
    story: stop.story,
    heritageAssetId: stop.heritageAsset?.id ?? '',
    contributedPlaceId: stop.contributedPlace?.id ?? '',
    stepFree: stop.stepFree ? 'yes' : 'no',
    bench: stop.bench ? 'yes' : '',
    toilet: stop.toilet ? 'yes' : '',
    accessNote: stop.accessNote,
    legWalkedM: stop.leg?.walkedM ? String(stop.leg.walkedM) : '',
    legStepFree: stop.leg?.stepFree === false ? 'no' : 'yes',
    legSurface: stop.leg?.surface ?? 'paved',
    legGradient: stop.leg?.gradient ?? 'flat',
    legBench: stop.leg?.bench ? 'yes' : '',
  };
}

/**
 * Heritage walks (issue 11, decision 043): the public list and page, the A4 route card, GPX and
 * GeoJSON; and authoring for provider staff and coordinators, with publishing by the area's coordinators.
 */
export function registerWalkRoutes(app: FastifyInstance, services: Services, config: Config) {
  const { walks } = services;
  const authors = { preHandler: requireRole(...WALK_AUTHORS) };
  // The stop form carries an optional photo (decision 048): the role check first, then the body is read, limited per address.
  const stopUpload = multipartForm({ maxFileBytes: MAX_PHOTO_BYTES, fileAsBytes: true, maxFields: 32 });
  const withPhoto = {
    config: { ...stopUpload.config, ...uploadRateLimit(config) },
    preHandler: [requireRole(...WALK_AUTHORS), stopUpload.preHandler as preHandlerHookHandler],
  };

  // ---- Public ----

  app.get(paths.walks.list, async (request, reply) => {
    const q = parseOrFail(walksQuery, request.query);
    const base = { pageTitle: 'Heritage walks', values: q, radiusMiles: WALKS_NEAR_MILES, openDataHref: paths.walks.openData };
    try {
      const found = await walks.listPublic({ where: q.where, town: q.town, stepFreeOnly: q.stepfree });
      return reply.view('features/walks/walks.njk', {
        ...base,
        origin: found.origin,
        towns: [{ value: '', text: 'Any town' }, ...found.towns.map((t) => ({ value: t, text: t, selected: t.toLowerCase() === q.town.toLowerCase() }))],
        walks: found.walks.map(walkListItem),
      });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply
        .status(422)
        .view('features/walks/walks.njk', { ...base, towns: [{ value: '', text: 'Any town' }], walks: [], ...toErrorItems(error.errors) });
    }
  });

  app.get(paths.walks.openData, async (_request, reply) => {
    const all = await walks.allPublished();
    return reply
      .type('application/geo+json; charset=utf-8')
      .header('content-disposition', 'inline; filename="waymark-walks.geojson"')
      .send(JSON.stringify(walksGeoJson(all, config.publicUrl)));
  });

  app.get<WithId>(paths.walks.walk(':id'), async (request, reply) => {
    const walk = await walks.getPublic(request.params.id);
    const view = walkView(walk, config.publicUrl);
    // Memories under each stop: published ones, and those private to the viewer's own group (decision 048).
    const memories = await services.contributions.aboutWalkStops(
      walk.stops.map((s) => s.id),
      { organisationIds: request.user?.organisationIds ?? [] },
    );
    return reply.view('features/walks/walk.njk', {
      pageTitle: walk.title,
      walk: {
        ...view,
        stops: view.stops.map((s) => ({
          ...s,
          memories: (memories.get(s.id) ?? []).map(contributionView),
          memoryHref: paths.walks.stopMemoryNew(walk.id, s.id),
        })),
      },
      qrCode: await qrCodeSvg(view.url),
      licence: WALK_LICENCE,
      routeCardPdfHref: config.chromiumPath ? paths.walks.routeCardPdf(walk.id) : null,
    });
  });

  app.get<WithId>(paths.walks.routeCard(':id'), async (request, reply) => {
    const walk = await walks.getPublic(request.params.id);
    const view = walkView(walk, config.publicUrl);
    // Photos inline (the small copy), so the card stays one self-contained page.
    const photos = new Map<string, string>();
    for (const s of walk.stops) {
      const bytes = s.photo && (await walks.stopPhoto(s.photo.id, 'small_jpeg', undefined));
      if (bytes) photos.set(s.id, `data:image/jpeg;base64,${bytes.toString('base64')}`);
    }
    return reply.view('features/walks/route-card.njk', {
      pageTitle: `Route card: ${walk.title}`,
      walk: { ...view, stops: view.stops.map((s) => ({ ...s, photoData: photos.get(s.id) ?? null })) },
      qrCode: await qrCodeSvg(view.url),
      printCss: ROUTE_CARD_CSS,
      printedOn: formatUkDate(services.clock.now()),
      licence: WALK_LICENCE,
      pdfHref: config.chromiumPath ? paths.walks.routeCardPdf(walk.id) : null,
    });
  });

  app.get<WithId>(paths.walks.routeCardPdf(':id'), async (request, reply) => {
    const walk = await walks.getPublic(request.params.id);
    return sendPrintedPageAsPdf(app, config.chromiumPath, request, reply, { path: paths.walks.routeCard(walk.id), file: `route-card-${fileName(walk.title)}` });
  });

  app.get<WithId>(paths.walks.gpx(':id'), async (request, reply) => {
    const walk = await walks.getPublic(request.params.id);
    return reply
      .type('application/gpx+xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(walk.title)}.gpx"`)
      .send(walkGpx(walk, config.publicUrl, services.clock.now()));
  });

  // ---- Authoring ----

  app.get(paths.walks.mine, authors, async (request, reply) => {
    const list = await walks.mine(request.user!);
    return reply.view('features/walks/manage-walks.njk', {
      pageTitle: request.user!.role === 'provider' ? 'Your walks' : 'Heritage walks in your area',
      flash: flashFrom(request.query, FLASH),
      drafts: list.filter((w) => w.status === 'draft').map(manageItem),
      published: list.filter((w) => w.status === 'published').map(manageItem),
    });
  });

  const detailsPage = (action: string, backHref: string, pageTitle: string) => (values: Record<string, unknown>) => ({
    pageTitle,
    action,
    backHref,
    values,
    fieldErrors: {},
  });

  const newPage = detailsPage(paths.walks.new, paths.walks.mine, 'Start a heritage walk');
  app.get(paths.walks.new, authors, async (_request, reply) => reply.view(WALK_FORM, newPage({})));
  app.post(paths.walks.new, authors, async (request, reply) =>
    handleForm(request, reply, {
      schema: walkForm,
      view: WALK_FORM,
      context: newPage,
      handle: async (input) => `${paths.walks.edit(await walks.create(request.user!, input))}?done=created`,
    }),
  );

  app.get<WithId>(paths.walks.edit(':id'), authors, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    return reply.view(EDIT, editContext(request, walk, mayPublish));
  });

  function editContext(request: FastifyRequest, walk: Walk, mayPublish: boolean) {
    const view = walkView(walk, config.publicUrl);
    return {
      pageTitle: walk.title,
      walk: view,
      flash: flashFrom(request.query, FLASH),
      mayPublish,
      problems: publishProblems(walk),
      isPublished: walk.status === 'published',
      publicHref: paths.walks.walk(walk.id),
      stops: view.stops.map((s, i) => ({
        ...s,
        editHref: paths.walks.stopEdit(walk.id, s.id),
        moveHref: paths.walks.stopMove(walk.id, s.id),
        deleteHref: paths.walks.stopDelete(walk.id, s.id),
        first: i === 0,
        last: i === view.stops.length - 1,
      })),
    };
  }

  app.get<WithId>(paths.walks.details(':id'), authors, async (request, reply) => {
    const { walk } = await walks.editable(request.user!, request.params.id);
    const page = detailsPage(paths.walks.details(walk.id), paths.walks.edit(walk.id), `Change: ${walk.title}`);
    return reply.view(WALK_FORM, page({ title: walk.title, summary: walk.summary, town: walk.town, postcode: formatPostcode(walk.postcode) }));
  });
  app.post<WithId>(paths.walks.details(':id'), authors, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: walkForm,
      view: WALK_FORM,
      context: detailsPage(paths.walks.details(walk.id), paths.walks.edit(walk.id), `Change: ${walk.title}`),
      handle: async (input) => {
        await walks.update(request.user!, walk.id, input);
        return `${paths.walks.edit(walk.id)}?done=${walk.status === 'published' && !mayPublish ? 'backToDraft' : 'saved'}`;
      },
    });
  });

  async function stopPage(walk: Walk, stop: WalkStop | null, values: Record<string, unknown>) {
    const assets = await walks.assetChoices(walk);
    const places = await walks.contributedPlaceChoices(walk);
    const number = stop ? stop.position : walk.stops.length + 1;
    const photo = stop ? stopView(stop, undefined).photo : null;
    return {
      photo,
      pageTitle: stop ? `Change stop ${number}: ${stop.name}` : `Add stop ${number}`,
      walkTitle: walk.title,
      action: stop ? paths.walks.stopEdit(walk.id, stop.id) : paths.walks.stopNew(walk.id),
      backHref: paths.walks.edit(walk.id),
      first: number === 1,
      values,
      fieldErrors: {},
      surfaces: radioItems(SURFACES),
      gradients: radioItems(GRADIENTS),
      assets: [
        { value: '', text: 'None' },
        ...assets.map((a) => ({ value: a.id, text: `${a.name} (${heritageCategoryName(a.category)}${a.grade ? `, grade ${a.grade}` : ''})` })),
      ],
      places: [{ value: '', text: 'None' }, ...places.map((p) => ({ value: p.id, text: p.placeKind ? `${p.title} (${p.placeKind})` : p.title }))],
    };
  }

  const stopDone = (walk: Walk, mayPublish: boolean, done: keyof typeof FLASH) =>
    `${paths.walks.edit(walk.id)}?done=${walk.status === 'published' && !mayPublish ? 'backToDraft' : done}`;

  app.get<WithId>(paths.walks.stopNew(':id'), authors, async (request, reply) => {
    const { walk } = await walks.editable(request.user!, request.params.id);
    return reply.view(STOP_FORM, await stopPage(walk, null, stopValues(null)));
  });
  app.post<WithId>(paths.walks.stopNew(':id'), withPhoto, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: stopForm,
      view: STOP_FORM,
      context: (values) => stopPage(walk, null, values),
      handle: async (input) => {
        await walks.addStop(request.user!, walk.id, input, stopPhotoFrom(formBody(request.body)));
        return stopDone(walk, mayPublish, 'stopAdded');
      },
    });
  });

  const stopOf = (walk: Walk, stopId: string) => {
    const stop = walk.stops.find((s) => s.id === stopId);
    if (!stop) throw new NotFound('Stop');
    return stop;
  };

  app.get<WithStop>(paths.walks.stopEdit(':id', ':stopId'), authors, async (request, reply) => {
    const { walk } = await walks.editable(request.user!, request.params.id);
    const stop = stopOf(walk, request.params.stopId);
    return reply.view(STOP_FORM, await stopPage(walk, stop, stopValues(stop)));
  });
  app.post<WithStop>(paths.walks.stopEdit(':id', ':stopId'), withPhoto, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    const stop = stopOf(walk, request.params.stopId);
    return handleForm(request, reply, {
      schema: stopForm,
      view: STOP_FORM,
      context: (values) => stopPage(walk, stop, values),
      handle: async (input) => {
        await walks.updateStop(request.user!, walk.id, stop.id, input, stopPhotoFrom(formBody(request.body)));
        return stopDone(walk, mayPublish, 'stopSaved');
      },
    });
  });

  app.post<WithStop>(paths.walks.stopMove(':id', ':stopId'), authors, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    const { direction } = parseOrFail(moveForm, request.body);
    await walks.moveStop(request.user!, walk.id, request.params.stopId, direction === 'up' ? -1 : 1);
    return reply.redirect(stopDone(walk, mayPublish, 'moved'), 303);
  });

  app.post<WithStop>(paths.walks.stopDelete(':id', ':stopId'), authors, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    await walks.deleteStop(request.user!, walk.id, request.params.stopId);
    return reply.redirect(stopDone(walk, mayPublish, 'stopRemoved'), 303);
  });

  app.post<WithId>(paths.walks.publish(':id'), authors, async (request, reply) => {
    const { walk, mayPublish } = await walks.editable(request.user!, request.params.id);
    try {
      await walks.publish(request.user!, walk.id);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.status(422).view(EDIT, { ...editContext(request, walk, mayPublish), ...toErrorItems(error.errors) });
    }
    return reply.redirect(`${paths.walks.edit(walk.id)}?done=published`, 303);
  });

  app.post<WithId>(paths.walks.unpublish(':id'), authors, async (request, reply) => {
    const { walk } = await walks.editable(request.user!, request.params.id);
    await walks.unpublish(request.user!, walk.id);
    return reply.redirect(`${paths.walks.edit(walk.id)}?done=unpublished`, 303);
  });
}

function manageItem(w: Walk) {
  return {
    title: w.title,
    town: w.town,
    href: paths.walks.edit(w.id),
    stops: w.stops.length,
    organisation: w.organisationName,
    missing: publishProblems(w).length,
  };
}
