import type { Db } from '../data/database.ts';
import type { ActivityRepository } from '../data/repositories/activity.repository.ts';
import type { ActivitySessionRepository } from '../data/repositories/activity-session.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ListingChangeRepository } from '../data/repositories/listing-change.repository.ts';
import type { OrganisationRepository } from '../data/repositories/organisation.repository.ts';
import type { PlaceRepository } from '../data/repositories/place.repository.ts';
import type { SchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import type { Clock } from '../domain/clock.ts';
import type { ProviderNotifier } from './provider-notices.ts';
import type { SessionCancelledNotifier } from './session-cancelled.notifier.ts';
import type { Activity, Place } from '../domain/directory.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { EVERYWHERE, moderatesEverywhere, type ModerationArea } from '../domain/scheme-area.ts';
import { isCoordinator, type User } from '../domain/user.ts';

/** What the directory's provider and coordinator services share. */
export type ListingDeps = {
  db: Db;
  organisations: OrganisationRepository;
  places: PlaceRepository;
  activities: ActivityRepository;
  changes: ListingChangeRepository;
  sessions: ActivitySessionRepository;
  schemeAreas: SchemeAreaRepository;
  audit: AuditRepository;
  clock: Clock;
  /** Tells the people referred to an activity that a session date is cancelled (the notify services; absent in some tests). */
  sessionCancelled?: SessionCancelledNotifier;
  /** Emails a provider's staff what a coordinator decided, and the 6-month prompt (the notify services; absent in some tests). */
  tellProvider?: ProviderNotifier;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

/** The organisation a provider works for. Providers belong to one organisation. */
export function providerOrganisationId(user: User): string {
  if (user.role !== 'provider') throw new Forbidden('Only provider staff can manage listings');
  const id = user.organisationIds[0];
  if (!id) throw new NotFound('Organisation');
  return id;
}

export function requireCoordinator(user: User) {
  if (!isCoordinator(user)) throw new Forbidden('Only coordinators can review listings');
}

/**
 * The part of the directory a coordinator moderates: their scheme's area (nothing without a scheme);
 * administrators moderate everywhere. Records outside it answer 404, as if they did not exist.
 */
export async function moderationArea(deps: Pick<ListingDeps, 'schemeAreas'>, user: User): Promise<ModerationArea> {
  requireCoordinator(user);
  if (moderatesEverywhere(user)) return EVERYWHERE;
  return { everywhere: false, schemeId: user.schemeId, outcodes: user.schemeId ? await deps.schemeAreas.outcodes(user.schemeId) : [] };
}

/**
 * A provider's own activity. Another organisation's id answers 404, exactly like an id that does
 * not exist, so nobody learns what other organisations have.
 */
export async function ownActivity(deps: Pick<ListingDeps, 'activities'>, user: User, id: string, tx?: Db): Promise<Activity> {
  const orgId = providerOrganisationId(user);
  const activity = isUuid(id) ? await deps.activities.findById(id, tx) : undefined;
  if (!activity || activity.organisationId !== orgId) throw new NotFound('Activity');
  return activity;
}

export async function ownPlace(deps: Pick<ListingDeps, 'places'>, user: User, id: string, tx?: Db): Promise<Place> {
  const orgId = providerOrganisationId(user);
  const place = isUuid(id) ? await deps.places.findById(id, tx) : undefined;
  if (!place || place.organisationId !== orgId) throw new NotFound('Place');
  return place;
}
