import { DEFAULT_BANK_HOLIDAY_RULE } from '../../domain/bank-holidays.ts';
import type { ActivityContent, ListingStatus, Place } from '../../domain/directory.ts';
import type { ImportedSession } from '../../domain/oruk-import.ts';
import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import { CONTENT_COLUMNS } from './activity.repository.ts';

/** What a feed says of a place: the directory's place without what only Waymark knows. */
type ImportedPlaceFields = Omit<Place, 'id' | 'organisationId' | 'nhleListEntry' | 'communityValued'>;

/** The importer's writes onto the directory, each inside the caller's per-record transaction (decision 046). */
export const importWrites = {
  async writeOrganisation(
    tx: Db,
    id: string,
    exists: boolean,
    o: { name: string; description: string; email: string | null; website: string | null; phone: string | null },
    status: 'pending' | 'approved',
    now: Date,
  ) {
    if (exists) {
      await tx.query(
        `update organisations set name = $2, description = $3, email = $4, website = $5, phone = coalesce($6, phone), updated_at = $7,
             status = case when $8 = 'approved' then 'approved' else status end where id = $1`,
        [id, o.name, o.description, o.email, o.website, o.phone, now, status],
      );
    } else {
      await tx.query(
        `insert into organisations (id, name, org_type, description, email, phone, website, status, created_at, updated_at)
           values ($1, $2, 'other', $3, $4, $5, $6, $7, $8, $8)`,
        [id, o.name, o.description, o.email, o.phone, o.website, status, now],
      );
    }
  },

  async writePlace(tx: Db, id: string, exists: boolean, organisationId: string, p: ImportedPlaceFields, now: Date) {
    const values = [id, organisationId, p.name, p.addressLine, p.town, p.postcode, p.easting, p.northing, p.latitude, p.longitude, p.description, now];
    if (exists) {
      await tx.query(
        `update places set organisation_id = $2, name = $3, address_line = $4, town = $5, postcode = $6, easting = $7, northing = $8, latitude = $9,
             longitude = $10, description = $11, updated_at = $12 where id = $1`,
        values,
      );
    } else {
      await tx.query(
        `insert into places (id, organisation_id, name, address_line, town, postcode, easting, northing, latitude, longitude, description, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
        values,
      );
    }
  },

  async activityState(tx: Db, id: string): Promise<{ status: ListingStatus; organisationId: string } | undefined> {
    return maybeOne(tx, 'select status, organisation_id as "organisationId" from activities where id = $1 for update', [id]);
  },

  async insertActivity(tx: Db, id: string, organisationId: string, content: ActivityContent, status: ListingStatus, now: Date) {
    const cols = CONTENT_COLUMNS.map(([, c]) => c);
    await tx.query(
      `insert into activities (id, organisation_id, status, last_checked_at, created_at, updated_at, ${cols.join(', ')})
         values ($1, $2, $3, $4, $4, $4, ${cols.map((_, i) => `$${i + 5}`).join(', ')})`,
      [id, organisationId, status, now, ...CONTENT_COLUMNS.map(([key]) => content[key])],
    );
  },

  async updateActivity(tx: Db, id: string, organisationId: string, content: ActivityContent, status: ListingStatus, now: Date) {
    await tx.query(
      `update activities set organisation_id = $2, status = $3, updated_at = $4, last_checked_at = $4,
           ${CONTENT_COLUMNS.map(([, c], i) => `${c} = $${i + 5}`).join(', ')} where id = $1`,
      [id, organisationId, status, now, ...CONTENT_COLUMNS.map(([key]) => content[key])],
    );
  },

  /** A live listing changed by a source nobody trusts: the change waits for a coordinator, the listing stays as it is. */
  async proposeChange(tx: Db, id: string, content: ActivityContent, now: Date) {
    await tx.query(`update activity_changes set status = 'superseded' where activity_id = $1 and status = 'pending' and proposed_by is null`, [id]);
    await tx.query(`insert into activity_changes (activity_id, proposed, proposed_at) values ($1, $2::jsonb, $3)`, [id, JSON.stringify(content), now]);
  },

  async replaceSessions(tx: Db, activityId: string, sessions: readonly (ImportedSession & { startDate: string })[], now: Date) {
    await tx.query('delete from activity_sessions where activity_id = $1', [activityId]);
    for (const s of sessions) {
      await tx.query(
        `insert into activity_sessions (activity_id, frequency, weekday, week_of_month, start_date, end_date, start_time, end_time, note, created_at, bank_holidays)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          activityId,
          s.frequency,
          s.weekday,
          s.weekOfMonth,
          s.startDate,
          s.endDate,
          s.startTime,
          s.endTime,
          s.note,
          now,
          s.bankHolidays ?? DEFAULT_BANK_HOLIDAY_RULE,
        ],
      );
    }
  },
};
