import type { Db } from '../database.ts';
import { one } from '../database.ts';
import type { ActivityContent } from '../../domain/directory.ts';
import { normalisePhone, normalisePostcode } from '../../domain/contact-details.ts';
import { gridToLatLng } from '../../domain/geo.ts';
import { ORGANISATIONS } from './organisations.seed.ts';
import { PLACES } from './places.seed.ts';
import { YARMOUTH_ACTIVITIES } from './activities-yarmouth.seed.ts';
import { FROME_ACTIVITIES } from './activities-frome.seed.ts';
import { NOTTINGHAM_ACTIVITIES } from './activities-nottingham.seed.ts';
import { ALL_YEAR, BASIC_SAFEGUARDING, type SeedActivity, type SeedOrganisation, type SeedState } from './seed.types.ts';
import { seededPostcode } from './seed-geography.ts';

export const SEED_ACTIVITIES: SeedActivity[] = [...YARMOUTH_ACTIVITIES, ...FROME_ACTIVITIES, ...NOTTINGHAM_ACTIVITIES];

const DAY = 24 * 60 * 60 * 1000;
// How long ago each kind of listing was last checked, unless the activity says otherwise.
const CHECKED_DAYS_AGO: Record<SeedState, number> = { live: 21, pending: 2, pending_change: 35, due: 250, expired: 400 };

export type SeedPeople = { byOrganisation: Map<string, string>; coordinatorId: string };

function contentOf(a: SeedActivity, placeId: string, contact: SeedOrganisation['contact']): ActivityContent {
  return {
    placeId,
    title: a.title,
    summary: a.summary,
    description: a.description,
    activityTypes: a.types,
    needs: a.needs,
    ageMin: a.ageMin ?? null,
    ageMax: null,
    groupSizeMax: a.groupSizeMax ?? null,
    eligibility: a.eligibility ?? '',
    firstVisit: a.firstVisit,
    costType: a.cost?.type ?? 'free',
    pricePence: a.cost?.pricePence ?? null,
    costNote: a.cost?.note ?? '',
    fundedPlaces: a.cost?.fundedPlaces ?? null,
    access: a.access,
    distanceWalkedM: a.distanceWalkedM ?? null,
    terrain: a.terrain,
    support: a.support,
    referralRoutes: a.referral ?? ['link_worker', 'self'],
    languages: a.languages ?? ['en'],
    safeguarding: a.safeguarding ?? BASIC_SAFEGUARDING,
    months: a.months ?? ALL_YEAR,
    capacity: a.capacity,
    howToJoin: a.howToJoin,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: contact.phone && (normalisePhone(contact.phone) ?? contact.phone),
  };
}

/** Organisations, memberships, places, activities, sessions, versions and one pending change. */
export async function seedDirectory(tx: Db, now: Date, people: SeedPeople): Promise<{ activityIds: string[]; organisationIds: Map<string, string> }> {
  const orgIds = new Map<string, string>();
  const contacts = new Map<string, SeedOrganisation['contact']>();
  for (const o of ORGANISATIONS) {
    const createdBy = people.byOrganisation.get(o.key) ?? null;
    const { id } = await one<{ id: string }>(
      tx,
      `insert into organisations (name, org_type, description, email, phone, website, status, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id`,
      [
        o.name,
        o.orgType,
        o.description,
        o.email,
        o.phone && (normalisePhone(o.phone) ?? o.phone),
        o.website,
        o.status,
        createdBy,
        new Date(now.getTime() - (o.status === 'pending' ? 3 : 500) * DAY),
      ],
    );
    orgIds.set(o.key, id);
    contacts.set(o.key, o.contact);
    if (createdBy) await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3)', [createdBy, id, now]);
  }

  const placeIds = new Map<string, string>();
  for (const p of PLACES) {
    const grid = seededPostcode(p.postcode);
    const { latitude, longitude } = gridToLatLng(grid);
    const { id } = await one<{ id: string }>(
      tx,
      `insert into places (organisation_id, name, address_line, town, postcode, easting, northing, latitude, longitude, nhle_list_entry, community_valued, description,
         created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id`,
      [
        orgIds.get(p.org),
        p.name,
        p.addressLine,
        p.town,
        normalisePostcode(p.postcode),
        grid.easting,
        grid.northing,
        latitude,
        longitude,
        p.nhleListEntry,
        p.communityValued,
        p.description,
        now,
      ],
    );
    placeIds.set(p.key, id);
  }

  const ids: string[] = [];
  for (const a of SEED_ACTIVITIES) {
    const state = a.state ?? 'live';
    const placeId = placeIds.get(a.place);
    const orgId = orgIds.get(a.org);
    if (!placeId || !orgId) throw new Error(`Demo activity ${a.key} names an unknown place or organisation`);
    const contact = contacts.get(a.org);
    if (!contact) throw new Error(`Demo activity ${a.key} names an unknown organisation`);
    const content = contentOf(a, placeId, contact);
    const checkedAt = new Date(now.getTime() - (a.checkedDaysAgo ?? CHECKED_DAYS_AGO[state]) * DAY);
    const createdAt = state === 'pending' ? checkedAt : new Date(Math.min(checkedAt.getTime(), now.getTime() - 420 * DAY));
    const createdBy = people.byOrganisation.get(a.org) ?? null;
    const c = content;
    const { id } = await one<{ id: string }>(
      tx,
      `insert into activities (organisation_id, place_id, title, summary, description, activity_types, needs, age_min, age_max, group_size_max,
         eligibility, first_visit, cost_type, price_pence, cost_note, funded_places, access, distance_walked_m, terrain, support, referral_routes,
         languages, safeguarding, months, capacity, how_to_join, contact_name, contact_email, contact_phone, status, last_checked_at,
         version, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28,
         $29, $30, $31, 1, $32, $33, $31) returning id`,
      [
        orgId,
        placeId,
        c.title,
        c.summary,
        c.description,
        c.activityTypes,
        c.needs,
        c.ageMin,
        c.ageMax,
        c.groupSizeMax,
        c.eligibility,
        c.firstVisit,
        c.costType,
        c.pricePence,
        c.costNote,
        c.fundedPlaces,
        c.access,
        c.distanceWalkedM,
        c.terrain,
        c.support,
        c.referralRoutes,
        c.languages,
        c.safeguarding,
        c.months,
        c.capacity,
        c.howToJoin,
        c.contactName,
        c.contactEmail,
        c.contactPhone,
        state === 'pending' ? 'pending' : 'live',
        checkedAt,
        createdBy,
        createdAt,
      ],
    );
    ids.push(id);
    for (const s of a.sessions) {
      const row = await one<{ id: string }>(
        tx,
        `insert into activity_sessions (activity_id, frequency, weekday, week_of_month, start_date, end_date, start_time, end_time, note, bank_holidays, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [id, s.frequency, s.weekday, s.weekOfMonth, s.startDate, s.endDate, s.startTime, s.endTime, s.note, s.bankHolidays, createdAt],
      );
      for (const x of s.cancellations) {
        await tx.query('insert into session_cancellations (session_id, on_date, reason) values ($1, $2, $3)', [row.id, x.date, x.reason]);
      }
    }
    if (state !== 'pending') {
      await tx.query(
        `insert into activity_versions (activity_id, version, snapshot, summary, changed_by, approved_by, created_at)
         values ($1, 1, $2::jsonb, 'First published', $3, $4, $5)`,
        [id, JSON.stringify(content), createdBy, people.coordinatorId, createdAt],
      );
    }
    if (state === 'pending_change' && a.proposed) {
      await tx.query('insert into activity_changes (activity_id, proposed, proposed_by, proposed_at) values ($1, $2::jsonb, $3, $4)', [
        id,
        JSON.stringify({ ...content, ...a.proposed }),
        createdBy,
        new Date(now.getTime() - 2 * DAY),
      ]);
    }
  }
  return { activityIds: ids, organisationIds: orgIds };
}
