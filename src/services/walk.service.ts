import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { SchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import type { ContributionRepository, PhotoCopy } from '../data/repositories/contribution.repository.ts';
import type { WalkRepository } from '../data/repositories/walk.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { formatPostcode, gridToLatLng, isFullPostcode, latLngToGrid, normalisePostcode, type GridRef } from '../domain/geo.ts';
import { isUuid } from '../domain/ids.ts';
import { areaCoversPlace, EVERYWHERE, type ModerationArea } from '../domain/scheme-area.ts';
import { milesToMetres, type Origin } from '../domain/search.ts';
import type { User } from '../domain/user.ts';
import { gridDistanceM, publishProblems, type Walk, type WalkInput, type WalkStopInput } from '../domain/walks.ts';
import { type CheckedPhoto, checkPhotoUpload, type PhotoInput, photoCopies, withinDailyUploads } from './photo-images.ts';
import type { ResolveWhereService } from './resolve-where.service.ts';

/** A stop's photo from the form: as a contribution's, with the credit it is shared under. */
export type StopPhotoInput = PhotoInput & { credit: string };
/** What the stop form asks of the photo: a new one (replacing any), removing it, or leave it. */
export type StopPhotoChange = { photo: StopPhotoInput } | { remove: true } | undefined;

export type ListedWalk = Walk & { distanceM: number | null };

/** How far from a postcode or town the walk list and the other pages look. */
export const WALKS_NEAR_MILES = 10;
/** Designated places offered for a stop: within this of the walk's start. */
const ASSET_CHOICE_RADIUS_M = 2000;

export type WalkListRequest = { where: string; town: string; stepFreeOnly: boolean };

/**
 * Heritage walks (issue 11, decision 043). Public: published walks only. Authoring: provider staff
 * for their organisation, coordinators in their scheme's area (where the walk starts), administrators
 * everywhere; publishing is for the coordinators of the area (and administrators). Anyone else's walk
 * is not found.
 */
export function createWalkService(deps: {
  db: Db;
  walks: WalkRepository;
  geography: GeographyRepository;
  schemeAreas: SchemeAreaRepository;
  where: ResolveWhereService;
  /** The photos table and its daily count are shared with contributions (decision 048). */
  photos: Pick<ContributionRepository, 'insertPhoto' | 'photosSince'>;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { db, walks, geography, schemeAreas, where, audit, clock } = deps;

  /** The same checks, copies and daily limit as a contribution's photo, plus the credit. */
  async function checkedStopPhoto(user: User, change: StopPhotoChange): Promise<(CheckedPhoto & { credit: string }) | undefined> {
    if (!change || !('photo' in change)) return undefined;
    const credit = change.photo.credit.trim();
    const checked = await checkPhotoUpload(change.photo).catch((err) => {
      if (err instanceof ValidationFailed && !credit) err.errors.push({ field: 'photoCredit', message: 'Say who took the photo, to credit them' });
      throw err;
    });
    if (!credit) throw new ValidationFailed([{ field: 'photoCredit', message: 'Say who took the photo, to credit them' }]);
    await withinDailyUploads(deps.photos.photosSince, user.id, clock.now(), 1);
    return { ...checked, credit };
  }

  async function storeStopPhoto(
    tx: Db,
    user: User,
    walkId: string,
    stopId: string,
    change: StopPhotoChange,
    checked: (CheckedPhoto & { credit: string }) | undefined,
  ) {
    if (change && 'remove' in change) await walks.deleteStopPhoto(tx, stopId);
    if (!checked) return;
    const photoId = await deps.photos.insertPhoto(
      {
        owner: { walkStopId: stopId, credit: checked.credit },
        addedBy: user.id,
        altText: checked.photo.altText.trim(),
        peopleAgreed: checked.photo.peopleAgreed,
        width: checked.images.width,
        height: checked.images.height,
        copies: photoCopies(checked.images),
      },
      clock.now(),
      tx,
    );
    await audit.record({ actorId: user.id, action: 'walk.photo_added', subjectType: 'walk', subjectId: walkId, detail: { stopId, photoId } }, tx);
  }

  async function areaOf(user: User): Promise<ModerationArea | null> {
    if (user.role === 'admin') return EVERYWHERE;
    if (user.role !== 'coordinator') return null;
    return { everywhere: false, schemeId: user.schemeId, outcodes: user.schemeId ? await schemeAreas.outcodes(user.schemeId) : [] };
  }

  /** The walk if the user may edit it; NotFound otherwise (its existence is not revealed). */
  async function editable(user: User, id: string): Promise<{ walk: Walk; mayPublish: boolean }> {
    const walk = isUuid(id) ? await walks.find(id) : undefined;
    if (!walk) throw new NotFound('Walk');
    const area = await areaOf(user);
    const inArea = area !== null && areaCoversPlace(area, walk.postcode);
    const ownOrganisation = user.role === 'provider' && walk.organisationId !== null && user.organisationIds.includes(walk.organisationId);
    if (!inArea && !ownOrganisation) throw new NotFound('Walk');
    return { walk, mayPublish: inArea };
  }

  async function startPoint(postcode: string, field = 'postcode'): Promise<GridRef & { postcode: string }> {
    const code = normalisePostcode(postcode);
    if (!isFullPostcode(code)) throw new ValidationFailed([{ field, message: 'Enter a full postcode, like NR30 2RG' }]);
    const found = await geography.findPostcode(code);
    if (!found) throw new ValidationFailed([{ field, message: `We could not find the postcode ${formatPostcode(code)}. Check it and try again` }]);
    return { ...found, postcode: code };
  }

  async function stopPoint(input: WalkStopInput) {
    if (input.latitude !== null && input.longitude !== null) {
      const grid = latLngToGrid({ latitude: input.latitude, longitude: input.longitude });
      return { ...grid, latitude: input.latitude, longitude: input.longitude, postcode: input.postcode ? normalisePostcode(input.postcode) : null };
    }
    if (!input.postcode) throw new ValidationFailed([{ field: 'postcode', message: 'Enter the stop’s postcode, or its latitude and longitude' }]);
    const p = await startPoint(input.postcode);
    return { ...gridToLatLng(p), easting: p.easting, northing: p.northing, postcode: p.postcode };
  }

  /**
   * What needs the walk to check: the designated place must be one of the choices offered, and a
   * walking distance cannot be shorter than the straight line from the stop before.
   */
  async function checkStop(walk: Walk, input: WalkStopInput, point: GridRef, previous: GridRef | undefined) {
    const errors: { field: string; message: string }[] = [];
    if (input.heritageAssetId && !(await walks.assetsNear(walk, ASSET_CHOICE_RADIUS_M, 1000)).some((a) => a.id === input.heritageAssetId)) {
      errors.push({ field: 'heritageAssetId', message: 'Choose a heritage place from the list' });
    }
    if (input.contributedPlaceId && !(await walks.contributedPlacesNear(walk, ASSET_CHOICE_RADIUS_M, 1000)).some((p) => p.id === input.contributedPlaceId)) {
      errors.push({ field: 'contributedPlaceId', message: 'Choose a place that matters to local people from the list' });
    }
    if (previous && input.leg.walkedM !== null) {
      const straight = gridDistanceM(previous, point);
      if (input.leg.walkedM < straight * 0.95) {
        errors.push({ field: 'legWalkedM', message: `The walking distance cannot be shorter than the straight line from the stop before (${straight} m)` });
      }
    }
    if (errors.length) throw new ValidationFailed(errors);
  }

  /** A provider edit of a published walk takes it back to draft for the area's coordinators to check. */
  async function changed(tx: Db, user: User, walk: Walk, mayPublish: boolean, what: string, tooFewStops = false) {
    const now = clock.now();
    await walks.touch(tx, walk.id, now);
    let backToDraft = false;
    if (walk.status === 'published' && (!mayPublish || tooFewStops)) backToDraft = await walks.setStatus(tx, walk.id, 'published', 'draft', user.id, now);
    await audit.record({ actorId: user.id, action: 'walk.updated', subjectType: 'walk', subjectId: walk.id, detail: { what, backToDraft } }, tx);
  }

  return {
    /** The public list: published walks, filtered by town and step-free, nearest first near a place. */
    async listPublic(request: WalkListRequest): Promise<{ origin: Origin | null; walks: ListedWalk[]; towns: string[] }> {
      const origin = await where.resolve(request.where);
      const found = await walks.published({
        town: request.town || null,
        stepFreeOnly: request.stepFreeOnly,
        near: origin ? { easting: origin.easting, northing: origin.northing, radiusM: milesToMetres(WALKS_NEAR_MILES) } : null,
        words: [],
        limit: 100,
      });
      return { origin, walks: found, towns: await walks.towns() };
    },

    /** A published walk; drafts are not found publicly. */
    async getPublic(id: string): Promise<Walk> {
      const walk = isUuid(id) ? await walks.find(id) : undefined;
      if (walk?.status !== 'published') throw new NotFound('Walk');
      return walk;
    },

    /** Every published walk (open data). */
    async allPublished(): Promise<ListedWalk[]> {
      return walks.published({ town: null, stepFreeOnly: false, near: null, words: [], limit: 10_000 });
    },

    /**
     * Self-guided walks beside other results (search, the phone line, heritage nearby, matching):
     * near the place within the radius, and matching any of the words when words were typed.
     * Nothing when neither a place nor words were given.
     */
    async alongside(request: {
      origin: Pick<Origin, 'easting' | 'northing'> | null;
      radiusMiles: number;
      words: readonly string[];
      stepFreeOnly: boolean;
      limit?: number;
    }): Promise<ListedWalk[]> {
      if (!request.origin && request.words.length === 0) return [];
      return walks.published({
        town: null,
        stepFreeOnly: request.stepFreeOnly,
        near: request.origin ? { easting: request.origin.easting, northing: request.origin.northing, radiusM: milesToMetres(request.radiusMiles) } : null,
        words: request.words,
        limit: request.limit ?? 3,
      });
    },

    /** The walks the user writes or moderates. */
    async mine(user: User): Promise<Walk[]> {
      if (user.role !== 'provider' && user.role !== 'coordinator' && user.role !== 'admin')
        throw new Forbidden('Only provider staff and coordinators write walks');
      return walks.editable({ organisationIds: user.role === 'provider' ? user.organisationIds : [], area: await areaOf(user) });
    },

    editable,

    /** Places that matter to local people (published community contributions) near the walk's start, to link a stop to. */
    async contributedPlaceChoices(walk: Walk) {
      return walks.contributedPlacesNear(walk, ASSET_CHOICE_RADIUS_M);
    },

    /** Published walks with a stop at a designated asset or a contributed place (the place page's "walks that pass it"). */
    async passing(place: { heritageAssetId: string } | { contributedPlaceId: string }) {
      return walks.passing(place);
    },

    /** Designated heritage places near the walk's start, to link a stop to. */
    async assetChoices(walk: Walk) {
      return walks.assetsNear(walk, ASSET_CHOICE_RADIUS_M);
    },

    async create(user: User, input: Omit<WalkInput, 'organisationId'>): Promise<string> {
      const start = await startPoint(input.postcode);
      let organisationId: string | null = null;
      if (user.role === 'provider') {
        organisationId = user.organisationIds[0] ?? null;
        if (!organisationId) throw new Forbidden('Provider staff write walks for their organisation');
      } else {
        const area = await areaOf(user);
        if (!area) throw new Forbidden('Only provider staff and coordinators write walks');
        if (!areaCoversPlace(area, start.postcode))
          throw new ValidationFailed([{ field: 'postcode', message: 'This postcode is outside your scheme’s area. Enter where the walk starts in your area' }]);
      }
      return db.transaction(async (tx) => {
        const id = await walks.create(tx, { ...input, ...start, organisationId, createdBy: user.id }, clock.now());
        await audit.record({ actorId: user.id, action: 'walk.created', subjectType: 'walk', subjectId: id }, tx);
        return id;
      });
    },

    async update(user: User, id: string, input: Omit<WalkInput, 'organisationId'>) {
      const { walk, mayPublish } = await editable(user, id);
      const start = await startPoint(input.postcode);
      const area = await areaOf(user);
      if (user.role === 'coordinator' && area && !areaCoversPlace(area, start.postcode)) {
        throw new ValidationFailed([{ field: 'postcode', message: 'This postcode is outside your scheme’s area. Enter where the walk starts in your area' }]);
      }
      await db.transaction(async (tx) => {
        await walks.update(tx, walk.id, { ...input, ...start }, clock.now());
        await changed(tx, user, walk, mayPublish, 'details');
      });
    },

    async addStop(user: User, id: string, input: WalkStopInput, photo?: StopPhotoChange): Promise<string> {
      const { walk, mayPublish } = await editable(user, id);
      const point = await stopPoint(input);
      await checkStop(walk, input, point, walk.stops.at(-1));
      const checked = await checkedStopPhoto(user, photo);
      return db.transaction(async (tx) => {
        const stopId = await walks.addStop(tx, walk.id, { ...input, ...point });
        await storeStopPhoto(tx, user, walk.id, stopId, photo, checked);
        await changed(tx, user, walk, mayPublish, 'stop added');
        return stopId;
      });
    },

    async updateStop(user: User, id: string, stopId: string, input: WalkStopInput, photo?: StopPhotoChange) {
      const { walk, mayPublish } = await editable(user, id);
      const stop = walk.stops.find((s) => s.id === stopId);
      if (!stop) throw new NotFound('Stop');
      const point = await stopPoint(input);
      await checkStop(
        walk,
        input,
        point,
        walk.stops.find((s) => s.position === stop.position - 1),
      );
      const checked = await checkedStopPhoto(user, photo);
      await db.transaction(async (tx) => {
        await walks.updateStop(tx, stopId, { ...input, ...point });
        await storeStopPhoto(tx, user, walk.id, stopId, photo, checked);
        await changed(tx, user, walk, mayPublish, 'stop changed');
      });
    },

    async deleteStop(user: User, id: string, stopId: string) {
      const { walk, mayPublish } = await editable(user, id);
      if (!walk.stops.some((s) => s.id === stopId)) throw new NotFound('Stop');
      await db.transaction(async (tx) => {
        await walks.deleteStop(tx, walk.id, stopId);
        // A published walk needs two stops: removing one of the last two takes it back to draft.
        await changed(tx, user, walk, mayPublish, 'stop removed', walk.stops.length <= 2);
      });
    },

    async moveStop(user: User, id: string, stopId: string, by: -1 | 1) {
      const { walk, mayPublish } = await editable(user, id);
      const stop = walk.stops.find((s) => s.id === stopId);
      if (!stop) throw new NotFound('Stop');
      const to = stop.position + by;
      if (to < 1 || to > walk.stops.length) return;
      await db.transaction(async (tx) => {
        await walks.moveStop(tx, walk.id, stopId, by);
        await changed(tx, user, walk, mayPublish, 'stops reordered');
      });
    },

    /**
     * One copy of a stop's photo: to anyone once the walk is published, and to those who may edit it
     * before then (as a contribution's photo, decision 048). Undefined when the photo is not a stop's.
     */
    async stopPhoto(photoId: string, copy: PhotoCopy, user: User | undefined): Promise<Buffer | undefined> {
      if (!isUuid(photoId)) return undefined;
      const found = await walks.stopPhotoCopy(photoId, copy);
      if (!found) return undefined;
      const walk = await walks.find(found.walkId);
      if (walk?.status === 'published') return found.bytes;
      if (user) {
        try {
          await editable(user, found.walkId);
          return found.bytes;
        } catch (err) {
          if (!(err instanceof NotFound)) throw err;
        }
      }
      throw new NotFound('Photo');
    },

    /** A coordinator of the area publishes a draft once nothing is missing. */
    async publish(user: User, id: string) {
      const { walk, mayPublish } = await editable(user, id);
      if (!mayPublish) throw new Forbidden('Only a coordinator of the area publishes walks');
      const problems = publishProblems(walk);
      if (problems.length) throw new ValidationFailed(problems.map((message) => ({ field: 'publish', message })));
      await db.transaction(async (tx) => {
        if (!(await walks.setStatus(tx, walk.id, 'draft', 'published', user.id, clock.now())))
          throw new Conflict('This walk was changed by someone else. Check it and try again');
        await audit.record({ actorId: user.id, action: 'walk.published', subjectType: 'walk', subjectId: walk.id }, tx);
      });
    },

    async unpublish(user: User, id: string) {
      const { walk, mayPublish } = await editable(user, id);
      if (!mayPublish) throw new Forbidden('Only a coordinator of the area takes walks down');
      await db.transaction(async (tx) => {
        if (!(await walks.setStatus(tx, walk.id, 'published', 'draft', user.id, clock.now())))
          throw new Conflict('This walk was changed by someone else. Check it and try again');
        await audit.record({ actorId: user.id, action: 'walk.unpublished', subjectType: 'walk', subjectId: walk.id }, tx);
      });
    },
  };
}

export type WalkService = ReturnType<typeof createWalkService>;
