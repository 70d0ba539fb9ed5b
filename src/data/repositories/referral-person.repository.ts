import type { Db, SqlRow } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Consent, ConsentPurpose, ContactPreference } from '../../domain/participant.ts';
import type { ContactInput } from '../../domain/referral-input.ts';

type Row = SqlRow;

/** What referral pages need about the person referred. */
export type ReferralPerson = {
  id: string;
  schemeId: string;
  organisationId: string | null;
  caseworkerId: string | null;
  teamSharesCaseload: boolean;
  preferredName: string;
  contactPreference: ContactPreference;
  phone: string | null;
  email: string | null;
  address: string | null;
  whatMatters: string;
  barriers: string[];
  accessNeeds: string[];
  anonymised: boolean;
};

/** The participant and consent rows a referral reads and, for self and connector referrals, creates. */
export function createReferralPersonRepository(db: Db) {
  return {
    async find(id: string, tx: Db = db): Promise<ReferralPerson | undefined> {
      const r = await maybeOne<Row>(
        tx,
        `select p.*, coalesce(o.share_caseload, false) as team_shares from participants p left join organisations o on o.id = p.organisation_id
         where p.id = $1`,
        [id],
      );
      return (
        r && {
          id: r.id,
          schemeId: r.scheme_id,
          organisationId: r.organisation_id,
          caseworkerId: r.caseworker_id,
          teamSharesCaseload: r.team_shares,
          preferredName: r.preferred_name,
          contactPreference: r.contact_preference,
          phone: r.phone,
          email: r.email,
          address: r.address,
          whatMatters: r.what_matters,
          barriers: r.barriers,
          accessNeeds: r.access_needs,
          anonymised: r.anonymised_at !== null,
        }
      );
    },

    async consents(participantId: string, tx: Db = db): Promise<Consent[]> {
      const rows = await tx.query<Row>('select * from consents where participant_id = $1 order by given_at', [participantId]);
      return rows.map((r) => ({
        id: r.id,
        participantId: r.participant_id,
        purpose: r.purpose,
        method: r.method,
        givenAt: new Date(r.given_at),
        recordedBy: r.recorded_by,
        withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
        withdrawnBy: r.withdrawn_by,
        note: r.note,
      }));
    },

    /**
     * A person who came in by self-referral, a connector, or another system's referral (for a link worker to take, decision 051):
     * placed at their postcode, or at its district's centre when only the first part was given.
     */
    async insert(p: { schemeId: string; source: 'self' | 'connector' | 'link_worker'; contact: ContactInput; now: Date }, tx: Db): Promise<string> {
      const c = p.contact;
      const row = await one<{ id: string }>(
        tx,
        `insert into participants (scheme_id, source, preferred_name, contact_preference, phone, email, address, postcode, easting, northing,
           created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8,
           coalesce((select easting from postcodes where postcode = $8), (select easting from outcodes where outcode = $8)),
           coalesce((select northing from postcodes where postcode = $8), (select northing from outcodes where outcode = $8)), $9, $9)
         returning id`,
        [p.schemeId, p.source, c.preferredName, c.contactPreference, c.phone, c.email, c.address, c.postcode, p.now],
      );
      return row.id;
    },

    async addConsent(
      c: { participantId: string; purpose: ConsentPurpose; method: 'verbal' | 'written' | 'online'; recordedBy: string | null; note?: string; now: Date },
      tx: Db,
    ) {
      await tx.query('insert into consents (participant_id, purpose, method, given_at, recorded_by, note) values ($1, $2, $3, $4, $5, $6)', [
        c.participantId,
        c.purpose,
        c.method,
        c.now,
        c.recordedBy,
        c.note ?? '',
      ]);
    },
  };
}

export type ReferralPersonRepository = ReturnType<typeof createReferralPersonRepository>;
