import { createHash } from 'node:crypto';
import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type {
  ContributionFields,
  ContributionRepository,
  DesignatedPlace,
  PhotoInfo,
  RecordingInfo,
  Viewer,
  WalkStopAbout,
} from '../data/repositories/contribution.repository.ts';
import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { SchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { isFullPostcode, normalisePostcode } from '../domain/contact-details.ts';
import {
  type Contribution,
  type ContributionSide,
  type ContributionStatus,
  canMoveContribution,
  type CreditKind,
  EDITABLE_STATUSES,
  type Licence,
  type ModerationDecision,
  missingBeforeSubmit,
  REPORTS_TO_HIDE,
  type ReportReason,
  statusLabel,
} from '../domain/contribution.ts';
import { freshnessCutoff } from '../domain/directory.ts';
import { Conflict, DomainError, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { latLngToGrid } from '../domain/geo.ts';
import { EVERYWHERE, type ModerationArea, moderatesEverywhere } from '../domain/scheme-area.ts';
import type { User } from '../domain/user.ts';
import { cleanRecording, RecordingRefused } from './audio-recordings.ts';
import { type CheckedPhoto, checkPhotoUpload, type PhotoInput, photoCopies, withinDailyUploads } from './photo-images.ts';
import { removeOutboxFiles } from './senders/file.sender.ts';

export type { PhotoInput } from './photo-images.ts';

/** Members of the public contribute with an account of their own; staff enter what a teller told them. */
export const CONTRIBUTING_ROLES = ['contributor', 'provider', 'connector'] as const;
/** Staff who enter contributions on a teller's behalf (with the teller's consent). */
const ON_BEHALF_ROLES: readonly string[] = ['provider', 'connector'];

/** Per account per day (decision 042); per address per hour is the route's rate limit. */
export const CONTRIBUTIONS_PER_DAY = 20;
const DAY_MS = 24 * 3600 * 1000;
/** Activities shown on a place page: at it or within this distance. */
const ACTIVITY_NEAR_M = 500;

/** Who reported: the account, or (signed out) the visitor's address, hashed; one report per person per item. */
const reporterKeyOf = (reporter: { userId: string | null; visitorKey: string }) =>
  createHash('sha256')
    .update(reporter.userId ? `user:${reporter.userId}` : `visitor:${reporter.visitorKey}`)
    .digest('hex');

class TooMany extends DomainError {
  override readonly status = 429;
}

export const EMAIL_NOT_CONFIRMED_TO_CONTRIBUTE = 'Confirm your email address before you add to Waymark. Open the link in the email we sent you.';

export type ContributionInput = {
  title: string;
  placeKind: string | null;
  body: string;
  approximateDate: string | null;
  oneOfSeveralViews: boolean;
  postcode: string | null;
  whereDescription: string | null;
  latitude: number | null;
  longitude: number | null;
  creditKind: CreditKind;
  creditName: string | null;
  licence: Licence;
  /** Staff entering for a teller: the teller agreed, and whether only the group may see it. */
  tellerConsent: boolean;
  privateToGroup: boolean;
  /** Send for review now (otherwise kept as a draft). */
  send: boolean;
};

/** A recording for a memory, with its transcript (required: the text alternative of the audio). */
export type RecordingInput = { bytes: Buffer | 'too_large'; transcript: string };

export type About = { heritageAssetId: string } | { placeId: string } | { activityId: string } | { walkStopId: string };

/** A place page: a contributed place (by id) or a designated one (`nhle-<list entry>`). */
export type PlaceRef = { contributionId: string } | { source: 'nhle' | 'museum'; sourceId: string };

export type ShownContribution = Contribution & { photos: PhotoInfo[]; recording: RecordingInfo | null };

export type PlacePage =
  | { kind: 'contributed'; place: ShownContribution; memories: ShownContribution[]; activities: Awaited<ReturnType<ContributionRepository['activitiesNear']>> }
  | { kind: 'designated'; asset: DesignatedPlace; memories: ShownContribution[]; activities: Awaited<ReturnType<ContributionRepository['activitiesNear']>> };

/**
 * Community heritage (issue 11, decision 042): people add places that matter to them and memories
 * about places and activities, with photos; moderators of the area (coordinators) or of the activity
 * (its provider) publish them; readers report what is wrong. One state machine (domain/contribution.ts)
 * moves every item, and `moveOn` is the only writer of its status.
 */
export function createContributionService(deps: {
  db: Db;
  contributions: ContributionRepository;
  geography: GeographyRepository;
  schemeAreas: SchemeAreaRepository;
  notifications: NotificationRepository;
  audit: AuditRepository;
  clock: Clock;
  emailVerified: (userId: string) => Promise<boolean>;
  links: { contribution: (id: string) => string; queue: string };
  /** The file sender's folder: emails already written there for an erased contributor are deleted too. */
  outboxDir: string;
}) {
  const { db, contributions, geography, notifications, audit, clock } = deps;

  async function mayContribute(user: User) {
    if (!(CONTRIBUTING_ROLES as readonly string[]).includes(user.role)) throw new Forbidden();
    if (user.role === 'contributor' && !(await deps.emailVerified(user.id))) throw new Forbidden(EMAIL_NOT_CONFIRMED_TO_CONTRIBUTE);
  }

  async function withinDailyLimit(user: User, photos: number) {
    const since = new Date(clock.now().getTime() - DAY_MS);
    if ((await contributions.countSince(user.id, since)) >= CONTRIBUTIONS_PER_DAY) {
      throw new TooMany(`You have added ${CONTRIBUTIONS_PER_DAY} items today, the most Waymark takes in a day. Try again tomorrow.`);
    }
    await withinDailyUploads(contributions.photosSince, user.id, clock.now(), photos);
  }

  /** Where a place is: a map point when one was chosen, else the postcode's; the postcode always (it decides who moderates). */
  async function placePosition(input: ContributionInput): Promise<{ postcode: string; easting: number; northing: number } | null> {
    if (!input.postcode) return null;
    const postcode = normalisePostcode(input.postcode);
    const found = isFullPostcode(postcode) ? await geography.findPostcode(postcode) : undefined;
    if (!found) throw new ValidationFailed([{ field: 'postcode', message: 'Enter a postcode we can find, like NR30 1NE' }]);
    if (input.latitude !== null && input.longitude !== null) {
      const point = latLngToGrid({ latitude: input.latitude, longitude: input.longitude });
      // A map point far from the postcode is a slip of the finger: the postcode wins.
      if (Math.hypot(point.easting - found.easting, point.northing - found.northing) < 5000) return { postcode, ...point };
    }
    return { postcode, easting: found.easting, northing: found.northing };
  }

  function fieldsOf(
    user: User,
    input: ContributionInput,
    where: { postcode: string | null; easting: number | null; northing: number | null; areaOutcode: string },
  ): ContributionFields {
    const onBehalf = ON_BEHALF_ROLES.includes(user.role);
    return {
      creditKind: input.creditKind,
      creditName: input.creditKind === 'anonymous' ? null : input.creditName,
      licence: input.licence,
      title: input.title,
      placeKind: input.placeKind,
      body: input.body,
      approximateDate: input.approximateDate,
      oneOfSeveralViews: input.oneOfSeveralViews,
      postcode: where.postcode,
      whereDescription: input.whereDescription,
      easting: where.easting,
      northing: where.northing,
      areaOutcode: where.areaOutcode,
      privateToGroup: onBehalf && input.privateToGroup && user.organisationIds.length > 0,
      tellerConsentAt: onBehalf && input.tellerConsent ? clock.now() : null,
    };
  }

  /** What a memory is about must exist and be shown to this person; its area is the place's. */
  async function aboutArea(about: About, viewer: Viewer): Promise<{ areaOutcode: string }> {
    if ('heritageAssetId' in about) {
      const asset = await contributions.designatedPlaceById(about.heritageAssetId);
      const outcode = asset && (await contributions.nearestOutcode(asset.easting, asset.northing));
      if (!outcode) throw new NotFound('Place');
      return { areaOutcode: outcode };
    }
    if ('placeId' in about) {
      const place = await contributions.byId(about.placeId);
      if (place?.kind !== 'place' || !(await contributions.isShown(place.id, viewer)) || !place.postcode) throw new NotFound('Place');
      return { areaOutcode: place.postcode.slice(0, -3) };
    }
    if ('walkStopId' in about) {
      const stop = await contributions.walkStopAbout(about.walkStopId);
      if (!stop) throw new NotFound('Stop');
      return { areaOutcode: stop.walkPostcode.slice(0, -3) };
    }
    const activity = await contributions.activityPlace(about.activityId);
    if (!activity) throw new NotFound('Activity');
    return { areaOutcode: normalisePostcode(activity.postcode).slice(0, -3) };
  }

  const processed = async (photo: PhotoInput | undefined) => (photo ? checkPhotoUpload(photo) : undefined);

  async function storePhoto(tx: Db, user: User, contributionId: string, p: CheckedPhoto, now: Date) {
    const { images } = p;
    const photoId = await contributions.insertPhoto(
      {
        owner: { contributionId },
        addedBy: user.id,
        altText: p.photo.altText.trim(),
        peopleAgreed: p.photo.peopleAgreed,
        width: images.width,
        height: images.height,
        copies: photoCopies(images),
      },
      now,
      tx,
    );
    await audit.record(
      { actorId: user.id, action: 'contribution.photo_added', subjectType: 'contribution', subjectId: contributionId, detail: { photoId } },
      tx,
    );
  }

  async function ownEditable(user: User, id: string): Promise<Contribution> {
    const c = await contributions.byId(id);
    if (!c || c.contributorId !== user.id) throw new NotFound('Contribution');
    return c;
  }

  /** The one writer of a contribution's status: checks the side may, moves it only from where it was, audits and tells. */
  async function moveOn(
    tx: Db,
    c: Contribution,
    to: ContributionStatus,
    side: ContributionSide,
    actorId: string | null,
    opts: { message?: string | null; hiddenByReports?: boolean } = {},
  ) {
    if (!canMoveContribution(c.status, to, side)) {
      throw new Conflict(`An item that is “${statusLabel(c.status)}” cannot become “${statusLabel(to)}”.`);
    }
    const now = clock.now();
    const moved = await contributions.updateStatus(
      c.id,
      c.status,
      to,
      {
        message: opts.message ?? null,
        submittedAt: to === 'waiting_for_review' ? now : undefined,
        publishedAt: to === 'published' ? now : undefined,
        hiddenByReports: opts.hiddenByReports ?? (to === 'published' || to === 'removed' ? false : undefined),
      },
      now,
      tx,
    );
    if (!moved) throw new Conflict('Someone else changed this item first. Look at it again.');
    if (to === 'published' || to === 'removed') await contributions.resolveReports(c.id, now, tx);
    await audit.record({ actorId, action: 'contribution.status_changed', subjectType: 'contribution', subjectId: c.id, detail: { from: c.status, to } }, tx);
    await tell(tx, c, to, opts.message ?? null, now);
  }

  /** The contributor hears of every moderator's decision; the area's coordinators of what waits for them. */
  async function tell(tx: Db, c: Contribution, to: ContributionStatus, message: string | null, now: Date) {
    const link = deps.links.contribution(c.id);
    if (to === 'waiting_for_review' || (to === 'reported' && c.status !== 'reported')) {
      const subject = to === 'reported' ? 'A community heritage item was reported' : 'A community heritage item is waiting for review';
      for (const recipient of await contributions.coordinatorEmails(c.areaOutcode, tx)) {
        await notifications.insert(
          { channel: 'email', recipient, subject, body: `“${c.title}” is waiting for you to look at it:\n${deps.links.queue}`, createdAt: now },
          tx,
        );
      }
      return;
    }
    if (!c.contributorId || !['published', 'changes_requested', 'removed'].includes(to)) return;
    const recipient = await contributions.emailOf(c.contributorId, tx);
    if (!recipient) return;
    const words: Record<string, string> = {
      published: `“${c.title}” is now published on Waymark. Thank you.`,
      changes_requested: `Before “${c.title}” can be published, the moderator asks for a change:\n\n${message ?? ''}`,
      removed: `“${c.title}” has been removed from Waymark.${message ? `\n\nThe reason: ${message}` : ''}`,
    };
    await notifications.insert(
      { channel: 'email', recipient, userId: c.contributorId, subject: 'About what you added to Waymark', body: `${words[to]}\n\n${link}`, createdAt: now },
      tx,
    );
  }

  async function moderatorArea(user: User): Promise<ModerationArea | null> {
    if (moderatesEverywhere(user)) return EVERYWHERE;
    if (user.role !== 'coordinator') return null;
    return { everywhere: false, schemeId: user.schemeId, outcodes: user.schemeId ? await deps.schemeAreas.outcodes(user.schemeId) : [] };
  }

  /** A coordinator of the item's area, an administrator, or the provider of the activity a memory is about. */
  async function mayModerate(user: User, c: Contribution): Promise<boolean> {
    const area = await moderatorArea(user);
    if (area && (await contributions.inArea(c.id, area))) return true;
    if (user.role === 'provider' && c.aboutActivityId) {
      const org = await contributions.activityOrganisation(c.aboutActivityId);
      return org !== undefined && user.organisationIds.includes(org);
    }
    return false;
  }

  async function withPhotos<C extends Contribution>(items: C[]): Promise<(C & { photos: PhotoInfo[]; recording: RecordingInfo | null })[]> {
    const ids = items.map((c) => c.id);
    const [photos, recordings] = await Promise.all([contributions.photosOf(ids), contributions.recordingsOf(ids)]);
    return items.map((c) => ({
      ...c,
      photos: photos.filter((p) => p.contributionId === c.id),
      recording: recordings.find((r) => r.contributionId === c.id) ?? null,
    }));
  }

  /**
   * The one rule of who may see an item, and so hear its recording or see its photos (decision 057):
   * anyone it is shown to (the repository's SHOWN: the item and what it is about, such as a stop's
   * walk, are public or their group's), and its contributor and moderators whatever its state.
   */
  async function mayView(contributionId: string, user: User | undefined): Promise<boolean> {
    if (await contributions.isShown(contributionId, { organisationIds: user?.organisationIds ?? [] })) return true;
    const c = await contributions.byId(contributionId);
    return Boolean(user && c && (c.contributorId === user.id || (await mayModerate(user, c))));
  }

  async function create(user: User, kind: 'place' | 'memory', about: About | null, input: ContributionInput, photo?: PhotoInput): Promise<string> {
    await mayContribute(user);
    await withinDailyLimit(user, photo ? 1 : 0);
    const viewer = { organisationIds: user.organisationIds };
    const where =
      kind === 'place'
        ? await placePosition(input).then((p) => {
            if (!p) throw new ValidationFailed([{ field: 'postcode', message: 'Enter the postcode of the place, or the nearest one' }]);
            return { ...p, areaOutcode: p.postcode.slice(0, -3) };
          })
        : { postcode: null, easting: null, northing: null, ...(await aboutArea(about!, viewer)) };
    const image = await processed(photo);
    const fields = fieldsOf(user, input, where);
    const onBehalf = ON_BEHALF_ROLES.includes(user.role);
    const id = await db.transaction(async (tx) => {
      const now = clock.now();
      const newId = await contributions.insert(
        {
          ...fields,
          kind,
          contributorId: user.id,
          enteredForOrganisationId: onBehalf ? (user.organisationIds[0] ?? null) : null,
          aboutHeritageAssetId: about && 'heritageAssetId' in about ? about.heritageAssetId : null,
          aboutPlaceId: about && 'placeId' in about ? about.placeId : null,
          aboutActivityId: about && 'activityId' in about ? about.activityId : null,
          aboutWalkStopId: about && 'walkStopId' in about ? about.walkStopId : null,
        },
        now,
        tx,
      );
      await audit.record({ actorId: user.id, action: 'contribution.created', subjectType: 'contribution', subjectId: newId, detail: { kind } }, tx);
      if (image) await storePhoto(tx, user, newId, image, now);
      return newId;
    });
    if (input.send) await submit(user, id);
    return id;
  }

  async function submit(user: User, id: string): Promise<void> {
    const c = await ownEditable(user, id);
    const missing = missingBeforeSubmit(c, await contributions.photosOf([id]), { onBehalf: ON_BEHALF_ROLES.includes(user.role) });
    if (missing.length)
      throw new ValidationFailed(missing.map((m) => ({ field: m.field, message: `Add ${m.message.charAt(0).toLowerCase()}${m.message.slice(1)}` })));
    await db.transaction((tx) => moveOn(tx, c, 'waiting_for_review', 'contributor', user.id));
  }

  async function reachableContributor(user: User, contributorId: string) {
    if (user.role !== 'admin') throw new Forbidden();
    if (!(await contributions.isContributor(contributorId))) throw new NotFound('Contributor');
  }

  async function dataOf(contributorId: string, actor: User, action: 'contribution.exported' | 'contribution.subject_access_viewed') {
    const account = await contributions.account(contributorId);
    const items = await withPhotos(await contributions.byContributor(contributorId));
    const reports = await contributions.reportsBy(reporterKeyOf({ userId: contributorId, visitorKey: '' }));
    await audit.record({ actorId: actor.id, action, subjectType: 'user', subjectId: contributorId });
    return { account, items, reports };
  }

  async function eraseContributor(contributorId: string, actor: User, choice: 'remove' | 'anonymise'): Promise<number> {
    const { n, outboxFiles } = await db.transaction(async (tx) => {
      const now = clock.now();
      const n =
        choice === 'remove' ? await contributions.deleteByContributor(contributorId, tx) : await contributions.anonymiseByContributor(contributorId, now, tx);
      const outboxFiles = await contributions.eraseAccount(contributorId, reporterKeyOf({ userId: contributorId, visitorKey: '' }), now, tx);
      await audit.record({ actorId: actor.id, action: 'contribution.erased', subjectType: 'user', subjectId: contributorId, detail: { choice, items: n } }, tx);
      return { n, outboxFiles };
    });
    await removeOutboxFiles(deps.outboxDir, outboxFiles);
    return n;
  }

  return {
    /** A place that matters to someone; sent for review straight away when `send` is set and nothing is missing. */
    addPlace: (user: User, input: ContributionInput, photo?: PhotoInput) => create(user, 'place', null, input, photo),

    /** A memory or story about a designated place, a contributed place or an activity. */
    addMemory: (user: User, about: About, input: ContributionInput, photo?: PhotoInput) => create(user, 'memory', about, input, photo),

    /** The contributor changes a draft (or one sent back), and may add a photo. */
    async edit(user: User, id: string, input: ContributionInput, photo?: PhotoInput): Promise<void> {
      await mayContribute(user);
      const c = await ownEditable(user, id);
      if (!EDITABLE_STATUSES.includes(c.status)) throw new Conflict('This item has been sent for review and cannot be changed now.');
      await withinDailyLimit(user, photo ? 1 : 0);
      const where =
        c.kind === 'place'
          ? await placePosition(input).then((p) => {
              if (!p) throw new ValidationFailed([{ field: 'postcode', message: 'Enter the postcode of the place, or the nearest one' }]);
              return { ...p, areaOutcode: p.postcode.slice(0, -3) };
            })
          : {
              postcode: null,
              easting: null,
              northing: null,
              ...(await aboutArea(
                c.aboutHeritageAssetId
                  ? { heritageAssetId: c.aboutHeritageAssetId }
                  : c.aboutPlaceId
                    ? { placeId: c.aboutPlaceId }
                    : c.aboutWalkStopId
                      ? { walkStopId: c.aboutWalkStopId }
                      : { activityId: c.aboutActivityId! },
                { organisationIds: user.organisationIds },
              )),
            };
      const image = await processed(photo);
      await db.transaction(async (tx) => {
        const now = clock.now();
        await contributions.updateFields(id, fieldsOf(user, input, where), now, tx);
        await audit.record({ actorId: user.id, action: 'contribution.changed', subjectType: 'contribution', subjectId: id }, tx);
        if (image) await storePhoto(tx, user, id, image, now);
      });
      if (input.send) await submit(user, id);
    },

    submit,

    /** The contributor's own item, with what is missing before it can be sent. */
    async own(user: User, id: string) {
      const c = await ownEditable(user, id);
      const [shown] = await withPhotos([c]);
      return { item: shown!, missing: missingBeforeSubmit(c, shown!.photos, { onBehalf: ON_BEHALF_ROLES.includes(user.role) }) };
    },

    /** Everything this person added (and, for staff, what their organisation entered for tellers). */
    async mine(user: User): Promise<Contribution[]> {
      if (!(CONTRIBUTING_ROLES as readonly string[]).includes(user.role)) throw new Forbidden();
      const own = await contributions.byContributor(user.id);
      if (!ON_BEHALF_ROLES.includes(user.role) || user.organisationIds.length === 0) return own;
      const group = await contributions.byOrganisation(user.organisationIds);
      return [...own, ...group.filter((g) => !own.some((o) => o.id === g.id))];
    },

    /** The contributor takes their item down. */
    async withdraw(user: User, id: string): Promise<void> {
      const c = await ownEditable(user, id);
      if (c.status === 'draft' || c.status === 'changes_requested') {
        await db.transaction(async (tx) => {
          await contributions.deleteDraft(id, tx);
          await audit.record(
            { actorId: user.id, action: 'contribution.status_changed', subjectType: 'contribution', subjectId: id, detail: { from: c.status, to: 'deleted' } },
            tx,
          );
        });
        return;
      }
      await db.transaction((tx) => moveOn(tx, c, 'removed', 'contributor', user.id, { message: 'Taken down by the person who added it' }));
    },

    // Moderation.
    async queue(user: User) {
      const area = await moderatorArea(user);
      if (!area && user.role !== 'provider') throw new Forbidden();
      return withPhotos(await contributions.queue(area, user.role === 'provider' ? user.organisationIds : []));
    },

    async forModeration(user: User, id: string) {
      const c = await contributions.byId(id);
      if (!c || !(await mayModerate(user, c))) throw new NotFound('Contribution');
      const [shown] = await withPhotos([c]);
      return { item: shown!, reports: await contributions.openReports(id), about: (await contributions.aboutOf(id)) ?? null };
    },

    async decide(user: User, id: string, decision: ModerationDecision): Promise<void> {
      const c = await contributions.byId(id);
      if (!c || !(await mayModerate(user, c))) throw new NotFound('Contribution');
      if (decision.to !== 'published' && !decision.message.trim()) {
        throw new ValidationFailed([{ field: 'message', message: decision.to === 'removed' ? 'Say why it is removed' : 'Say what needs to change' }]);
      }
      await db.transaction((tx) => moveOn(tx, c, decision.to, 'moderator', user.id, { message: decision.to === 'published' ? null : decision.message }));
    },

    /**
     * A reader reports a published item. The first report puts it at the top of the queue; the third
     * from different people hides it until a moderator looks. `reporterKey` is the account or the
     * visitor cookie, hashed; one report per person per item counts.
     */
    async report(reporter: { userId: string | null; visitorKey: string }, id: string, reason: ReportReason, details: string): Promise<void> {
      const c = await contributions.byId(id);
      // Only what the public sees can be reported: shown with no group, so not while its walk is a draft.
      if (!c || !(await contributions.isShown(id, { organisationIds: [] }))) throw new NotFound('Contribution');
      const reporterKey = createHash('sha256')
        .update(reporter.userId ? `user:${reporter.userId}` : `visitor:${reporter.visitorKey}`)
        .digest('hex');
      await db.transaction(async (tx) => {
        await contributions.lock(id, tx);
        const fresh = (await contributions.byId(id, tx))!;
        const now = clock.now();
        const counted = await contributions.addReport({ contributionId: id, reporterKey, reason, details }, now, tx);
        if (!counted) return;
        await audit.record({ actorId: reporter.userId, action: 'contribution.reported', subjectType: 'contribution', subjectId: id, detail: { reason } }, tx);
        const open = (await contributions.openReports(id, tx)).length;
        if (fresh.status === 'published') await moveOn(tx, fresh, 'reported', 'moderator', null, { hiddenByReports: open >= REPORTS_TO_HIDE });
        else if (open >= REPORTS_TO_HIDE && !fresh.hiddenByReports) {
          await contributions.updateStatus(id, 'reported', 'reported', { message: null, hiddenByReports: true }, now, tx);
        }
      });
    },

    // Reading.
    async placePage(ref: PlaceRef, viewer: Viewer): Promise<PlacePage> {
      const cutoff = freshnessCutoff(clock.now());
      if ('contributionId' in ref) {
        const c = await contributions.byId(ref.contributionId);
        if (c?.kind !== 'place' || !(await contributions.isShown(c.id, viewer))) throw new NotFound('Place');
        const [place] = await withPhotos([c]);
        const memories = await withPhotos(await contributions.shownAbout({ placeId: c.id }, viewer));
        const activities = await contributions.activitiesNear(c.easting!, c.northing!, ACTIVITY_NEAR_M, cutoff);
        return { kind: 'contributed', place: place!, memories, activities };
      }
      const asset = await contributions.designatedPlace(ref.source === 'nhle' ? 'nhle' : 'mapping_museums', ref.sourceId);
      if (!asset) throw new NotFound('Place');
      const memories = await withPhotos(await contributions.shownAbout({ heritageAssetId: asset.id }, viewer));
      const activities = await contributions.activitiesNear(asset.easting, asset.northing, ACTIVITY_NEAR_M, cutoff);
      return { kind: 'designated', asset, memories, activities };
    },

    /** Where a shown item is shown (a place, activity or walk page); null when this viewer may not see it. */
    async whereShown(
      id: string,
      viewer: Viewer,
    ): Promise<{ place: PlaceRef } | { activityId: string } | { walkStop: { walkId: string; position: number } } | null> {
      const c = await contributions.byId(id);
      if (!c || !(await contributions.isShown(id, viewer))) return null;
      if (c.aboutWalkStopId) {
        const stop = await contributions.walkStopAbout(c.aboutWalkStopId);
        return stop ? { walkStop: { walkId: stop.walkId, position: stop.position } } : null;
      }
      if (c.kind === 'place') return { place: { contributionId: c.id } };
      if (c.aboutPlaceId) return { place: { contributionId: c.aboutPlaceId } };
      if (c.aboutActivityId) return { activityId: c.aboutActivityId };
      const asset = await contributions.designatedPlaceById(c.aboutHeritageAssetId!);
      if (!asset) return null;
      return { place: { source: asset.source.startsWith('nhle') ? 'nhle' : 'museum', sourceId: asset.sourceId } };
    },

    /** Published memories about an activity, for its page. */
    async aboutActivity(activityId: string, viewer: Viewer): Promise<ShownContribution[]> {
      return withPhotos(await contributions.shownAbout({ activityId }, viewer));
    },

    /** Memories shown under a walk's stops (published, or private to the viewer's own group), by stop id. */
    async aboutWalkStops(stopIds: readonly string[], viewer: Viewer): Promise<Map<string, ShownContribution[]>> {
      const shown = stopIds.length ? await withPhotos(await contributions.shownAbout({ walkStopIds: stopIds }, viewer)) : [];
      return new Map(stopIds.map((id) => [id, shown.filter((m) => m.aboutWalkStopId === id)]));
    },

    /** The stop a memory form is about (on a published walk), to name it on the form. */
    async walkStop(stopId: string): Promise<WalkStopAbout> {
      const stop = await contributions.walkStopAbout(stopId);
      if (!stop) throw new NotFound('Stop');
      return stop;
    },

    /**
     * The contributor adds (or replaces) the one recording of their memory while they may still change
     * it. The file is cleaned (decision 048) and the transcript is required. Counts towards the daily
     * limit with photos.
     */
    async addRecording(user: User, id: string, input: RecordingInput): Promise<void> {
      await mayContribute(user);
      const c = await ownEditable(user, id);
      if (c.kind !== 'memory') throw new NotFound('Contribution');
      if (!EDITABLE_STATUSES.includes(c.status)) throw new Conflict('This item has been sent for review and cannot be changed now.');
      const errors: { field: string; message: string }[] = [];
      const transcript = input.transcript.trim();
      if (!transcript) errors.push({ field: 'transcript', message: 'Write what is said in the recording, for people who cannot hear it' });
      let cleaned: ReturnType<typeof cleanRecording> | undefined;
      try {
        if (input.bytes === 'too_large') throw new RecordingRefused('The recording must be smaller than 20 MB');
        cleaned = cleanRecording(input.bytes);
      } catch (err) {
        if (!(err instanceof RecordingRefused)) throw err;
        errors.unshift({ field: 'recording', message: err.message });
      }
      if (errors.length || !cleaned) throw new ValidationFailed(errors);
      await withinDailyUploads(contributions.photosSince, user.id, clock.now(), 1);
      const file = cleaned;
      await db.transaction(async (tx) => {
        const now = clock.now();
        const recordingId = await contributions.putRecording({ contributionId: id, ...file, transcript, addedBy: user.id }, now, tx);
        await audit.record(
          { actorId: user.id, action: 'contribution.recording_added', subjectType: 'contribution', subjectId: id, detail: { recordingId } },
          tx,
        );
      });
    },

    async removeRecording(user: User, id: string): Promise<void> {
      const c = await ownEditable(user, id);
      if (!EDITABLE_STATUSES.includes(c.status)) throw new Conflict('This item has been sent for review and cannot be changed now.');
      await db.transaction(async (tx) => {
        await contributions.deleteRecording(id, tx);
        await audit.record({ actorId: user.id, action: 'contribution.recording_removed', subjectType: 'contribution', subjectId: id }, tx);
      });
    },

    /** A recording's cleaned bytes, heard only where its memory may be seen (as photos). */
    async recording(recordingId: string, user: User | undefined) {
      const found = await contributions.recordingBytes(recordingId);
      if (!found || !(await mayView(found.contributionId, user))) throw new NotFound('Recording');
      return { format: found.format, bytes: found.bytes };
    },

    /** The heritage asset a memory form is about, by its place reference, to name it on the form. */
    async designatedPlace(ref: { source: 'nhle' | 'museum'; sourceId: string }) {
      const asset = await contributions.designatedPlace(ref.source === 'nhle' ? 'nhle' : 'mapping_museums', ref.sourceId);
      if (!asset) throw new NotFound('Place');
      return asset;
    },

    /**
     * One served copy of a photo. Shown only when its item is: to everyone once public, to the
     * group's staff when private to the group, and to its contributor and moderators before then.
     */
    async photo(photoId: string, copy: 'small_jpeg' | 'small_webp' | 'large_jpeg' | 'large_webp', user: User | undefined): Promise<Buffer> {
      const found = await contributions.photoCopy(photoId, copy);
      if (!found || !(await mayView(found.contributionId, user))) throw new NotFound('Photo');
      return found.bytes;
    },

    /** Published community-valued places near a point, for "Heritage on your doorstep". */
    placesNear: (area: { easting: number; northing: number; radiusM: number }, limit: number) => contributions.publicPlacesNear(area, limit),

    /** The open data: published, public, openly licensed items only. */
    openData: () => contributions.openData(),

    // Privacy (subject access and erasure, decision 042).
    byContributor: (userId: string) => contributions.byContributor(userId),

    /** Everything Waymark holds about a contributor (subject access): their account, what they added, the reports they made. */
    async yourData(user: User) {
      if (user.role !== 'contributor') throw new Forbidden();
      return dataOf(user.id, user, 'contribution.exported');
    },

    /**
     * A contributor erases their account, choosing what happens to what they added: removed (with its
     * photos), or kept without their name (credited "Anonymous"). Either way the account is erased.
     */
    async eraseYourself(user: User, choice: 'remove' | 'anonymise'): Promise<number> {
      if (user.role !== 'contributor') throw new Forbidden();
      return eraseContributor(user.id, user, choice);
    },

    /**
     * An administrator answering a contributor's subject access or erasure request (found by the
     * privacy search): the same document and the same choice the contributor has. `viewed` is the page,
     * `exported` the download; each is audited as the administrator's.
     */
    async contributorData(admin: User, contributorId: string, how: 'viewed' | 'exported') {
      await reachableContributor(admin, contributorId);
      return dataOf(contributorId, admin, how === 'viewed' ? 'contribution.subject_access_viewed' : 'contribution.exported');
    },

    async eraseContributorFor(admin: User, contributorId: string, choice: 'remove' | 'anonymise'): Promise<number> {
      await reachableContributor(admin, contributorId);
      return eraseContributor(contributorId, admin, choice);
    },
  };
}

export type ContributionService = ReturnType<typeof createContributionService>;
