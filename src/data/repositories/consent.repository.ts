import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { Consent, ConsentPurpose } from '../../domain/participant.ts';

type Row = {
  id: string;
  participant_id: string;
  purpose: ConsentPurpose;
  method: Consent['method'];
  given_at: Date;
  recorded_by: string | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  note: string;
  recorded_by_name: string | null;
  withdrawn_by_name: string | null;
};

export type ConsentWithNames = Consent & { recordedByName: string | null; withdrawnByName: string | null };

const toConsent = (r: Row): ConsentWithNames => ({
  id: r.id,
  participantId: r.participant_id,
  purpose: r.purpose,
  method: r.method,
  givenAt: new Date(r.given_at),
  recordedBy: r.recorded_by,
  withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
  withdrawnBy: r.withdrawn_by,
  note: r.note,
  recordedByName: r.recorded_by_name,
  withdrawnByName: r.withdrawn_by_name,
});

const SELECT = `
  select c.*, ru.display_name as recorded_by_name, wu.display_name as withdrawn_by_name
  from consents c left join users ru on ru.id = c.recorded_by left join users wu on wu.id = c.withdrawn_by`;

export function createConsentRepository(db: Db) {
  return {
    async forParticipant(participantId: string, tx: Db = db): Promise<ConsentWithNames[]> {
      const rows = await tx.query<Row>(`${SELECT} where c.participant_id = $1 order by c.given_at desc, c.id`, [participantId]);
      return rows.map(toConsent);
    },

    async find(participantId: string, consentId: string, tx: Db = db): Promise<ConsentWithNames | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(consentId)) return undefined;
      const row = await maybeOne<Row>(tx, `${SELECT} where c.participant_id = $1 and c.id = $2`, [participantId, consentId]);
      return row ? toConsent(row) : undefined;
    },

    /** True while an unwithdrawn consent for the purpose exists. */
    async has(participantId: string, purpose: ConsentPurpose, tx: Db = db): Promise<boolean> {
      const rows = await tx.query('select 1 from consents where participant_id = $1 and purpose = $2 and withdrawn_at is null limit 1', [
        participantId,
        purpose,
      ]);
      return rows.length > 0;
    },

    async insert(
      c: { participantId: string; purpose: ConsentPurpose; method: Consent['method']; givenAt: Date; recordedBy: string; note: string },
      tx: Db = db,
    ) {
      const [row] = await tx.query<{ id: string }>(
        'insert into consents (participant_id, purpose, method, given_at, recorded_by, note) values ($1, $2, $3, $4, $5, $6) returning id',
        [c.participantId, c.purpose, c.method, c.givenAt, c.recordedBy, c.note],
      );
      return row!.id;
    },

    /** Withdraws every current consent for the purpose (there is normally one). */
    async withdraw(participantId: string, purpose: ConsentPurpose, by: string, at: Date, tx: Db = db): Promise<number> {
      const rows = await tx.query(
        `update consents set withdrawn_at = $3, withdrawn_by = $4 where participant_id = $1 and purpose = $2 and withdrawn_at is null returning id`,
        [participantId, purpose, at, by],
      );
      return rows.length;
    },
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;
