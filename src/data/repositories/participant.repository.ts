import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ContactPreference, Participant } from '../../domain/participant.ts';
import type { ParticipantInput } from '../../domain/participant-form.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = {
  id: string;
  scheme_id: string;
  organisation_id: string | null;
  caseworker_id: string | null;
  source: Participant['source'];
  preferred_name: string;
  contact_preference: ContactPreference;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  age_band: string | null;
  what_matters: string;
  tags: string[];
  needs: string[];
  interests: string[];
  barriers: string[];
  access_needs: string[];
  languages: string[];
  available_days: number[];
  available_times: string[];
  created_at: Date;
  updated_at: Date;
  anonymised_at: Date | null;
};

const toParticipant = (r: Row): Participant => ({
  id: r.id,
  schemeId: r.scheme_id,
  organisationId: r.organisation_id,
  caseworkerId: r.caseworker_id,
  source: r.source,
  preferredName: r.preferred_name,
  contactPreference: r.contact_preference,
  phone: r.phone,
  email: r.email,
  address: r.address,
  postcode: r.postcode,
  easting: r.easting,
  northing: r.northing,
  ageBand: r.age_band,
  whatMatters: r.what_matters,
  tags: r.tags,
  needs: r.needs,
  interests: r.interests,
  barriers: r.barriers,
  accessNeeds: r.access_needs,
  languages: r.languages,
  availableDays: r.available_days.map(Number),
  availableTimes: r.available_times,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  anonymisedAt: r.anonymised_at ? new Date(r.anonymised_at) : null,
});

/** The stored form of a participant's details: the postcode normalised (decision 023) and placed on the grid. */
export type ParticipantRecord = Omit<ParticipantInput, 'postcode'> & { postcode: string | null; easting: number | null; northing: number | null };

const COLUMNS = `preferred_name, contact_preference, phone, email, address, postcode, easting, northing, age_band, what_matters, tags,
  needs, interests, barriers, access_needs, languages, available_days, available_times`;
const values = (p: ParticipantRecord) => [
  p.preferredName,
  p.contactPreference,
  p.phone,
  p.email,
  p.address,
  p.postcode,
  p.easting,
  p.northing,
  p.ageBand,
  p.whatMatters,
  p.tags,
  p.needs,
  p.interests,
  p.barriers,
  p.accessNeeds,
  p.languages,
  p.availableDays,
  p.availableTimes,
];

export type CaseloadRow = {
  id: string;
  preferredName: string;
  caseworkerId: string | null;
  caseworkerName: string | null;
  updatedAt: Date;
  /** Statuses of this person's open referrals (one entry per referral). */
  openStatuses: string[];
  closedCount: number;
};

const CASELOAD_SELECT = `
  select p.id, p.preferred_name, p.caseworker_id, u.display_name as caseworker_name, p.updated_at,
         coalesce(array_agg(r.status) filter (where r.status not in ('declined', 'completed', 'stopped', 'withdrawn')), '{}') as open_statuses,
         count(r.id) filter (where r.status in ('declined', 'completed', 'stopped', 'withdrawn')) as closed_count
  from participants p
  left join users u on u.id = p.caseworker_id
  left join referrals r on r.participant_id = p.id`;

type CaseloadDbRow = {
  id: string;
  preferred_name: string;
  caseworker_id: string | null;
  caseworker_name: string | null;
  updated_at: Date;
  open_statuses: string[];
  closed_count: number;
};
const toCaseloadRow = (r: CaseloadDbRow): CaseloadRow => ({
  id: r.id,
  preferredName: r.preferred_name,
  caseworkerId: r.caseworker_id,
  caseworkerName: r.caseworker_name,
  updatedAt: new Date(r.updated_at),
  openStatuses: r.open_statuses,
  closedCount: Number(r.closed_count),
});

export function createParticipantRepository(db: Db) {
  return {
    async findById(id: string, tx: Db = db): Promise<Participant | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const row = await maybeOne<Row>(tx, 'select * from participants where id = $1', [id]);
      return row ? toParticipant(row) : undefined;
    },

    async insert(p: ParticipantRecord & { schemeId: string; organisationId: string | null; caseworkerId: string; at: Date }, tx: Db = db) {
      const row = await one<{ id: string }>(
        tx,
        `insert into participants (scheme_id, organisation_id, caseworker_id, source, created_at, updated_at, ${COLUMNS})
         values ($1, $2, $3, 'link_worker', $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
         returning id`,
        [p.schemeId, p.organisationId, p.caseworkerId, p.at, ...values(p)],
      );
      return row.id;
    },

    async update(id: string, p: ParticipantRecord, at: Date, tx: Db = db) {
      await tx.query(
        `update participants set (${COLUMNS}, updated_at) =
           ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) where id = $1`,
        [id, ...values(p), at],
      );
    },

    /** The referrer organisations among these that let their link workers see each other's caseloads. */
    async sharingOrganisations(organisationIds: readonly string[]): Promise<string[]> {
      if (organisationIds.length === 0) return [];
      const rows = await db.query<{ id: string }>(`select id from organisations where id = any($1::uuid[]) and kind = 'referrer' and share_caseload`, [
        organisationIds,
      ]);
      return rows.map((r) => r.id);
    },

    /** A link worker's own people, and everyone in the given (sharing) organisations. Anonymised people are left out. */
    async caseloadFor(userId: string, teamOrganisationIds: readonly string[]): Promise<CaseloadRow[]> {
      const rows = await db.query<CaseloadDbRow>(
        `${CASELOAD_SELECT}
         where p.anonymised_at is null and (p.caseworker_id = $1 or p.organisation_id = any($2::uuid[]))
         group by p.id, u.display_name order by p.preferred_name, p.id limit 1000`,
        [userId, teamOrganisationIds],
      );
      return rows.map(toCaseloadRow);
    },

    async caseloadOfScheme(schemeId: string): Promise<CaseloadRow[]> {
      const rows = await db.query<CaseloadDbRow>(
        `${CASELOAD_SELECT} where p.anonymised_at is null and p.scheme_id = $1
         group by p.id, u.display_name order by p.preferred_name, p.id limit 1000`,
        [schemeId],
      );
      return rows.map(toCaseloadRow);
    },

    /** This person's referrals, newest first, for their page. */
    async referralsOf(participantId: string) {
      return db.query<{ id: string; status: string; activityTitle: string | null; providerName: string; createdAt: Date; sentAt: Date | null }>(
        `select r.id, r.status, ${REFERRAL_TARGET_TITLE} as "activityTitle", o.name as "providerName", r.created_at as "createdAt", r.sent_at as "sentAt"
         from referrals r join organisations o on o.id = r.provider_organisation_id ${JOIN_REFERRAL_TARGET}
         where r.participant_id = $1 order by r.created_at desc, r.id`,
        [participantId],
      );
    },

    async userName(userId: string | null): Promise<string | null> {
      if (!userId) return null;
      const row = await maybeOne<{ display_name: string }>(db, 'select display_name from users where id = $1', [userId]);
      return row?.display_name ?? null;
    },
  };
}

export type ParticipantRepository = ReturnType<typeof createParticipantRepository>;
