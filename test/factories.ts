import { randomUUID } from 'node:crypto';
import type { Db } from '../src/data/database.ts';
import { one } from '../src/data/database.ts';
import { refreshActivityIndex } from '../src/data/repositories/activity-index.repository.ts';
import { createSchemeAreaRepository } from '../src/data/repositories/scheme-area.repository.ts';
import { gridToLatLng, normalisePostcode } from '../src/domain/geo.ts';
import { hashPassword } from '../src/domain/password.ts';
import type { Role } from '../src/domain/user.ts';
import { TEST_NOW } from './test-app.ts';

/** Factories of fictional data for tests. Every field has a plausible default; pass what the test cares about. */

// Great Yarmouth Minster area, British National Grid.
export const YARMOUTH = { easting: 652500, northing: 308000 };

export async function makeUser(
  db: Db,
  over: { email?: string; role?: Role; displayName?: string; password?: string; organisationId?: string; schemeId?: string } = {},
) {
  const email = over.email ?? `user-${randomUUID().slice(0, 8)}@example.org`;
  const { id } = await one<{ id: string }>(
    db,
    `insert into users (email, display_name, password_hash, role, scheme_id, email_verified_at, created_at) values ($1, $2, $3, $4, $5, $6, $6) returning id`,
    [
      email,
      over.displayName ?? 'Test Person',
      await hashPassword(over.password ?? 'test-password-123'),
      over.role ?? 'provider',
      over.schemeId ?? null,
      new Date(TEST_NOW),
    ],
  );
  if (over.organisationId)
    await db.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, to_timestamp(1795255200))', [id, over.organisationId]);
  return { id, email, password: over.password ?? 'test-password-123' };
}

/** A scheme whose area is these postcode districts (by default Great Yarmouth's NR30 and NR31, where makePlace puts places). */
export async function makeScheme(db: Db, over: { name?: string; outcodes?: string[] } = {}) {
  const { id } = await one<{ id: string }>(db, 'insert into schemes (name, area, created_at) values ($1, $1, $2) returning id', [
    over.name ?? 'Test scheme',
    new Date(TEST_NOW),
  ]);
  await createSchemeAreaRepository(db).setOutcodes(id, over.outcodes ?? ['NR30', 'NR31']);
  return id;
}

export async function makeOrganisation(db: Db, over: { name?: string; orgType?: string; status?: 'pending' | 'approved' | 'rejected' } = {}) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into organisations (name, org_type, description, email, status, created_at, updated_at) values ($1, $2, $3, $4, $5, to_timestamp(1795255200), to_timestamp(1795255200)) returning id`,
    [over.name ?? 'Test Heritage Trust', over.orgType ?? 'heritage_trust', 'A fictional trust for tests.', 'hello@example.org', over.status ?? 'approved'],
  );
  return id;
}

export async function makePostcode(db: Db, postcode: string, grid: { easting: number; northing: number }) {
  const { latitude, longitude } = gridToLatLng(grid);
  await db.query(
    `insert into postcodes (postcode, easting, northing, latitude, longitude) values ($1, $2, $3, $4, $5)
     on conflict (postcode) do update set easting = excluded.easting, northing = excluded.northing`,
    [normalisePostcode(postcode), grid.easting, grid.northing, latitude, longitude],
  );
}

export async function makePlace(
  db: Db,
  organisationId: string,
  over: { name?: string; easting?: number; northing?: number; postcode?: string; town?: string; nhleListEntry?: number | null } = {},
) {
  const grid = { easting: over.easting ?? YARMOUTH.easting, northing: over.northing ?? YARMOUTH.northing };
  const { latitude, longitude } = gridToLatLng(grid);
  const { id } = await one<{ id: string }>(
    db,
    `insert into places (organisation_id, name, address_line, town, postcode, easting, northing, latitude, longitude, nhle_list_entry, community_valued, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, to_timestamp(1795255200), to_timestamp(1795255200)) returning id`,
    [
      organisationId,
      over.name ?? 'Test Hall',
      '1 Test Street',
      over.town ?? 'Great Yarmouth',
      normalisePostcode(over.postcode ?? 'NR30 1AA'),
      grid.easting,
      grid.northing,
      latitude,
      longitude,
      over.nhleListEntry ?? null,
      over.nhleListEntry == null,
    ],
  );
  return id;
}

export type ActivityOverrides = Partial<{
  title: string;
  summary: string;
  description: string;
  activityTypes: string[];
  needs: string[];
  costType: 'free' | 'paid' | 'free_for_referred';
  pricePence: number | null;
  access: string[];
  support: string[];
  referralRoutes: string[];
  languages: string[];
  status: string;
  lastCheckedAt: Date;
  months: number[];
  capacity: number | null;
}>;

export async function makeActivity(db: Db, organisationId: string, placeId: string, over: ActivityOverrides = {}) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into activities (organisation_id, place_id, title, summary, description, activity_types, needs, cost_type, price_pence,
       access, support, referral_routes, languages, status, last_checked_at, months, capacity, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, to_timestamp(1795255200), to_timestamp(1795255200)) returning id`,
    [
      organisationId,
      placeId,
      over.title ?? 'Heritage walk',
      over.summary ?? 'A gentle walk around the old town.',
      over.description ?? '',
      over.activityTypes ?? ['walk'],
      over.needs ?? ['loneliness'],
      over.costType ?? 'free',
      over.pricePence ?? null,
      over.access ?? [],
      over.support ?? [],
      over.referralRoutes ?? ['link_worker', 'self'],
      over.languages ?? ['en'],
      over.status ?? 'live',
      over.lastCheckedAt ?? new Date(TEST_NOW),
      over.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      over.capacity ?? null,
    ],
  );
  await refreshActivityIndex(db, [id], new Date(TEST_NOW));
  return id;
}

export async function makeSession(
  db: Db,
  activityId: string,
  over: Partial<{
    frequency: string;
    weekday: number | null;
    weekOfMonth: number | null;
    startDate: string;
    endDate: string | null;
    startTime: string;
    endTime: string;
  }> = {},
) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into activity_sessions (activity_id, frequency, weekday, week_of_month, start_date, end_date, start_time, end_time, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp(1795255200)) returning id`,
    [
      activityId,
      over.frequency ?? 'weekly',
      over.weekday === undefined ? 2 : over.weekday,
      over.weekOfMonth ?? null,
      over.startDate ?? '2026-01-01',
      over.endDate ?? null,
      over.startTime ?? '10:00',
      over.endTime ?? '12:00',
    ],
  );
  await refreshActivityIndex(db, [activityId], new Date(TEST_NOW));
  return id;
}
