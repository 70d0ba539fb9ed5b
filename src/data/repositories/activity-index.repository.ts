import type { Db } from '../database.ts';
import type { ActivitySession } from '../../domain/directory.ts';
import { possibleClosureDates } from '../../domain/bank-holidays.ts';
import { deriveSessionFields } from '../../domain/schedule.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, NEEDS, SUPPORT, labelsOf } from '../../domain/vocabulary.ts';

type SessionRow = {
  id: string;
  activity_id: string;
  frequency: ActivitySession['frequency'];
  weekday: number | null;
  week_of_month: number | null;
  start_date: string;
  end_date: string | null;
  start_time: string;
  end_time: string;
  note: string;
  bank_holidays: ActivitySession['bankHolidays'];
  cancellations: { date: string; reason: string }[] | null;
};

export const SELECT_SESSIONS = `
  select s.id, s.activity_id, s.frequency, s.weekday, s.week_of_month, s.start_date, s.end_date,
         to_char(s.start_time, 'HH24:MI') as start_time, to_char(s.end_time, 'HH24:MI') as end_time, s.note, s.bank_holidays,
         (select coalesce(json_agg(json_build_object('date', c.on_date, 'reason', c.reason) order by c.on_date), '[]'::json)
            from session_cancellations c where c.session_id = s.id) as cancellations
  from activity_sessions s`;

export const toSession = (r: SessionRow): ActivitySession => ({
  id: r.id,
  activityId: r.activity_id,
  frequency: r.frequency,
  weekday: r.weekday,
  weekOfMonth: r.week_of_month,
  startDate: r.start_date,
  endDate: r.end_date,
  startTime: r.start_time,
  endTime: r.end_time,
  note: r.note,
  bankHolidays: r.bank_holidays,
  cancellations: (r.cancellations ?? []).map((c) => ({ date: String(c.date).slice(0, 10), reason: c.reason })),
});

export async function loadSessions(db: Db, activityIds: readonly string[]): Promise<ActivitySession[]> {
  if (activityIds.length === 0) return [];
  const rows = await db.query<SessionRow>(`${SELECT_SESSIONS} where s.activity_id = any($1::uuid[]) order by s.start_date, s.start_time`, [activityIds]);
  return rows.map(toSession);
}

const WORD = /[a-z\u00c0-\u024f]{3,}/g;

/**
 * Recomputes what search reads from an activity: its session days, times of day and next session,
 * its activity type and need labels, and its other search text (summary, description, access and
 * support labels, organisation and place). Search ranks a word in the title, then in the labels, above
 * the rest (decision 019). Call it inside the same transaction as any change to an activity or its sessions.
 */
export async function refreshActivityIndex(db: Db, activityIds: readonly string[], now: Date): Promise<void> {
  if (activityIds.length === 0) return;
  const rows = await db.query<{
    id: string;
    title: string;
    summary: string;
    description: string;
    activity_types: string[];
    needs: string[];
    access: string[];
    support: string[];
    months: number[];
    organisation_name: string;
    place_name: string;
    town: string;
  }>(
    `select a.id, a.title, a.summary, a.description, a.activity_types, a.needs, a.access, a.support, a.months,
            o.name as organisation_name, p.name as place_name, p.town
     from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
     where a.id = any($1::uuid[])`,
    [activityIds],
  );
  const sessions = await loadSessions(db, activityIds);
  const words = new Set<string>();
  for (const a of rows) {
    const derived = deriveSessionFields(
      sessions.filter((s) => s.activityId === a.id),
      now,
      a.months,
    );
    // Each word once, where it ranks (decision 019): the title and the labels have their own search vectors.
    const labels = [...labelsOf(ACTIVITY_TYPES, a.activity_types), ...labelsOf(NEEDS, a.needs)].join(' ');
    const searchText = [
      a.summary,
      a.description,
      ...labelsOf(ACCESS_FEATURES, a.access),
      ...labelsOf(SUPPORT, a.support),
      a.organisation_name,
      a.place_name,
      a.town,
    ].join(' ');
    for (const w of `${a.title} ${labels} ${searchText}`.toLowerCase().match(WORD) ?? []) words.add(w);
    await db.query(
      `update activities set session_days = $2, session_times = $3, next_session_at = $4, next_session_end_at = $5, search_text = $6, search_labels = $7
       where id = $1`,
      [a.id, derived.sessionDays, derived.sessionTimes, derived.nextSessionAt, derived.nextSessionEndAt, searchText, labels],
    );
  }
  if (words.size > 0) {
    await db.query('insert into search_lexicon (word) select unnest($1::text[]) on conflict do nothing', [[...words]]);
  }
}

/**
 * Moves next_session_at on for activities whose next session has passed (run at start-up and
 * hourly), and re-derives any whose stored next session falls on a bank holiday or 25, 26 December
 * or 1 January: a series that does not run then (decision 022) moves to its next real session, so
 * activity pages, search, matches and registers agree even for dates stored before the rule.
 */
export async function refreshPassedSessions(db: Db, now: Date): Promise<number> {
  const due = await db.query<{ id: string }>(
    `select id from activities where next_session_end_at is not null
       and (next_session_end_at <= $1
            or (next_session_at at time zone 'Europe/London')::date = any($2::date[]))`,
    [now, possibleClosureDates(now.getUTCFullYear() - 1, now.getUTCFullYear() + 2)],
  );
  const ids = due.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) await refreshActivityIndex(db, ids.slice(i, i + 500), now);
  return ids.length;
}
