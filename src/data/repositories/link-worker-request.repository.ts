import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { LinkWorkerRequestStatus, NewLinkWorkerRequest, OpenRequest } from '../../domain/link-worker-request.ts';

type Row = {
  id: string;
  scheme_id: string;
  preferred_name: string;
  contact_preference: OpenRequest['contactPreference'];
  phone: string | null;
  email: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  needs: string[];
  note: string;
  consent_words: string;
  created_by: string | null;
  created_at: Date;
};

const toOpen = (r: Row): OpenRequest => ({
  id: r.id,
  schemeId: r.scheme_id,
  preferredName: r.preferred_name,
  contactPreference: r.contact_preference,
  phone: r.phone,
  email: r.email,
  postcode: r.postcode,
  easting: r.easting === null ? null : Number(r.easting),
  northing: r.northing === null ? null : Number(r.northing),
  needs: r.needs,
  note: r.note,
  consentWords: r.consent_words,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Callers' requests to talk to a link worker (decision 039): a scheme's queue. */
export function createLinkWorkerRequestRepository(db: Db) {
  return {
    /** The schemes whose area holds this outcode (the moderation-area rule: scheme_outcodes). */
    async schemesCovering(outcode: string): Promise<{ id: string; name: string }[]> {
      return db.query<{ id: string; name: string }>(
        `select s.id, s.name from schemes s join scheme_outcodes so on so.scheme_id = s.id where so.outcode = $1 order by s.name, s.id`,
        [outcode],
      );
    },

    /** Every scheme with its area and its coordinators' emails, for "no scheme covers this postcode". */
    async schemesWithCoordinators(): Promise<{ id: string; name: string; area: string; coordinators: string[] }[]> {
      return db.query(
        `select s.id, s.name, s.area,
                coalesce(array_agg(u.email order by u.email) filter (where u.id is not null), '{}') as coordinators
           from schemes s left join users u on u.scheme_id = s.id and u.role = 'coordinator' and u.disabled_at is null
          group by s.id order by s.name, s.id`,
      );
    },

    async insert(
      r: NewLinkWorkerRequest & { easting: number | null; northing: number | null; consentWords: string; createdBy: string; at: Date },
      tx: Db = db,
    ) {
      const row = await one<{ id: string }>(
        tx,
        `insert into link_worker_requests (scheme_id, preferred_name, contact_preference, phone, email, postcode, easting, northing,
           needs, note, consent_words, created_by, created_at, status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open') returning id`,
        [
          r.schemeId,
          r.preferredName,
          r.contactPreference,
          r.phone,
          r.email,
          r.postcode,
          r.easting,
          r.northing,
          r.needs,
          r.note,
          r.consentWords,
          r.createdBy,
          r.at,
        ],
      );
      return row.id;
    },

    /** A scheme's open requests, oldest first. */
    async openFor(schemeId: string): Promise<OpenRequest[]> {
      const rows = await db.query<Row>(`select * from link_worker_requests where scheme_id = $1 and status = 'open' order by created_at, id limit 500`, [
        schemeId,
      ]);
      return rows.map(toOpen);
    },

    /** Locks one request for the taking (a second taker waits, then sees it taken). */
    async lock(id: string, tx: Db): Promise<(OpenRequest & { status: LinkWorkerRequestStatus; takenByName: string | null }) | undefined> {
      if (!isUuid(id)) return undefined;
      const row = await maybeOne<Row & { status: LinkWorkerRequestStatus }>(tx, 'select * from link_worker_requests where id = $1 for update', [id]);
      if (!row) return undefined;
      const taker = await maybeOne<{ display_name: string }>(
        tx,
        'select u.display_name from link_worker_requests r join users u on u.id = r.taken_by where r.id = $1',
        [id],
      );
      return { ...toOpen(row), status: row.status, takenByName: taker?.display_name ?? null };
    },

    /** Marks it taken and blanks the caller's details, only while it is open; true when this call won. */
    async markTaken(id: string, by: string, participantId: string, at: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(
        `update link_worker_requests set status = 'taken', taken_by = $2, taken_at = $4, participant_id = $3,
           preferred_name = null, contact_preference = null, phone = null, email = null, postcode = null, easting = null, northing = null, note = ''
         where id = $1 and status = 'open' returning id`,
        [id, by, participantId, at],
      );
      return rows.length === 1;
    },

    /** Closes it without taking, blanking the caller's details, only while it is open; true when this call closed it. */
    async markClosed(id: string, schemeId: string, at: Date): Promise<boolean> {
      if (!isUuid(id)) return false;
      const rows = await db.query(
        `update link_worker_requests set status = 'closed', taken_by = null, taken_at = $3,
           preferred_name = null, contact_preference = null, phone = null, email = null, postcode = null, easting = null, northing = null, note = ''
         where id = $1 and scheme_id = $2 and status = 'open' returning id`,
        [id, schemeId, at],
      );
      return rows.length === 1;
    },

    /** Whether a request of this scheme exists (whatever its status). */
    async existsIn(id: string, schemeId: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      return (await db.query('select 1 from link_worker_requests where id = $1 and scheme_id = $2', [id, schemeId])).length === 1;
    },

    /** Open requests made before this instant (to be tested against the working-day rule). */
    async openBefore(before: Date): Promise<{ id: string; createdAt: Date }[]> {
      const rows = await db.query<{ id: string; created_at: Date }>(
        `select id, created_at from link_worker_requests where status = 'open' and flagged_at is null and created_at < $1`,
        [before],
      );
      return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at) }));
    },

    /** Marks these (still open, unflagged) requests flagged; returns the ones this call claimed, with their scheme. */
    async markFlagged(ids: readonly string[], at: Date, tx: Db): Promise<{ id: string; schemeId: string; createdAt: Date }[]> {
      if (ids.length === 0) return [];
      const rows = await tx.query<{ id: string; scheme_id: string; created_at: Date }>(
        `update link_worker_requests set flagged_at = $2 where id = any($1::uuid[]) and status = 'open' and flagged_at is null
         returning id, scheme_id, created_at`,
        [ids, at],
      );
      return rows.map((r) => ({ id: r.id, schemeId: r.scheme_id, createdAt: new Date(r.created_at) }));
    },

    async coordinatorEmails(schemeId: string, tx: Db = db): Promise<{ id: string; email: string }[]> {
      return tx.query(`select id, email from users where scheme_id = $1 and role = 'coordinator' and disabled_at is null order by email`, [schemeId]);
    },

    /** Deletes requests never taken that were made before `before`; returns how many. */
    async purgeUntakenBefore(before: Date): Promise<number> {
      const rows = await db.query(`delete from link_worker_requests where status <> 'taken' and created_at < $1 returning id`, [before]);
      return rows.length;
    },
  };
}

export type LinkWorkerRequestRepository = ReturnType<typeof createLinkWorkerRequestRepository>;
