import type { Db, SqlRow } from '../database.ts';
import { HOLDS_A_PLACE } from '../../domain/referral.ts';

type Row = SqlRow;

export type RegisterLine = { referralId: string; preferredName: string; status: string; attended: boolean | null };

/** Attendance registers: one row per referred person per session date. */
export function createAttendanceRepository(db: Db) {
  return {
    /** The people on a session's register: referrals holding a place, and anyone already marked for that date. */
    /** People on a session's register: those holding a place since on or before that date, and anyone already marked. */
    async register(activityId: string, sessionDate: string, tx: Db = db): Promise<RegisterLine[]> {
      const rows = await tx.query<Row>(
        `select r.id, coalesce(p.preferred_name, 'Name removed') as preferred_name, r.status, at.attended
         from referrals r left join participants p on p.id = r.participant_id
         left join attendance at on at.referral_id = r.id and at.session_date = $2
         where r.activity_id = $1
           and (at.referral_id is not null
                or (r.status = any($3::text[]) and (coalesce(r.responded_at, r.sent_at) at time zone 'Europe/London')::date <= $2::date))
         order by p.preferred_name, r.id`,
        [activityId, sessionDate, HOLDS_A_PLACE],
      );
      return rows.map((r) => ({ referralId: r.id, preferredName: r.preferred_name, status: r.status, attended: r.attended ?? null }));
    },

    async mark(referralId: string, sessionDate: string, attended: boolean, recordedBy: string, now: Date, tx: Db) {
      await tx.query(
        `insert into attendance (referral_id, session_date, attended, recorded_by, recorded_at) values ($1, $2, $3, $4, $5)
         on conflict (referral_id, session_date) do update set attended = excluded.attended, recorded_by = excluded.recorded_by,
           recorded_at = excluded.recorded_at`,
        [referralId, sessionDate, attended, recordedBy, now],
      );
    },

    /**
     * Accompanied visits (decision 028): the same person's referral to the activity a buddy went with
     * them to, holding a place there, so the buddy's "it happened" reaches that session's register.
     */
    async activityReferralOfPerson(buddyReferralId: string, activityId: string, tx: Db = db): Promise<string | undefined> {
      const rows = await tx.query<Row>(
        `select r.id from referrals b join referrals r on r.participant_id = b.participant_id and r.activity_id = $2
         where b.id = $1 and b.participant_id is not null and r.status = any($3::text[]) order by r.created_at desc limit 1`,
        [buddyReferralId, activityId, HOLDS_A_PLACE],
      );
      return rows[0]?.id;
    },

    /** Marks attendance unless the provider already has (their own mark wins). */
    async markIfUnmarked(referralId: string, sessionDate: string, attended: boolean, recordedBy: string, now: Date, tx: Db) {
      await tx.query(
        `insert into attendance (referral_id, session_date, attended, recorded_by, recorded_at) values ($1, $2, $3, $4, $5)
         on conflict (referral_id, session_date) do nothing`,
        [referralId, sessionDate, attended, recordedBy, now],
      );
    },

    async history(referralId: string, tx: Db = db): Promise<{ sessionDate: string; attended: boolean }[]> {
      const rows = await tx.query<Row>('select session_date, attended from attendance where referral_id = $1 order by session_date desc', [referralId]);
      return rows.map((r) => ({ sessionDate: r.session_date, attended: r.attended }));
    },
  };
}

export type AttendanceRepository = ReturnType<typeof createAttendanceRepository>;
