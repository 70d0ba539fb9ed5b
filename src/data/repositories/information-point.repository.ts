import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { InformationPoint, InformationPointTime, OnDuty } from '../../domain/information-points.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = `select ip.id, ip.scheme_id, s.area as scheme_area, ip.kind, ip.name, ip.description, ip.place_name, ip.address_line, ip.town,
    ip.postcode, ip.phone, ip.hours_note,
    (select coalesce(json_agg(json_build_object('id', t.id, 'frequency', t.frequency, 'weekday', t.weekday, 'weekOfMonth', t.week_of_month,
        'startDate', t.start_date, 'startTime', to_char(t.start_time, 'HH24:MI'), 'endTime', to_char(t.end_time, 'HH24:MI'))
        order by t.weekday, t.start_time), '[]'::json)
       from information_point_times t where t.information_point_id = ip.id) as times
  from information_points ip join schemes s on s.id = ip.scheme_id
  where ip.retired_at is null`;
const ORDER = `order by s.area, case ip.kind when 'heritage_cafe' then 1 when 'phone_line' then 2 else 3 end, ip.name, ip.id`;

const toPoint = (r: SqlRow): InformationPoint => ({
  id: r.id,
  schemeId: r.scheme_id,
  schemeArea: r.scheme_area,
  kind: r.kind,
  name: r.name,
  description: r.description,
  placeName: r.place_name,
  addressLine: r.address_line,
  town: r.town,
  postcode: r.postcode,
  phone: r.phone,
  hoursNote: r.hours_note,
  times: ((typeof r.times === 'string' ? JSON.parse(r.times) : r.times) as InformationPointTime[]).map((t) => ({
    ...t,
    startDate: String(t.startDate).slice(0, 10),
  })),
});

export type NewInformationPoint = Omit<InformationPoint, 'id' | 'schemeArea' | 'times'> & { times: Omit<InformationPointTime, 'id'>[] };

/** Information points (decision 035): the Heritage Café, the phone line, libraries that hold the pack. */
export function createInformationPointRepository(db: Db) {
  return {
    async all(): Promise<InformationPoint[]> {
      return (await db.query(`${SELECT} ${ORDER}`)).map(toPoint);
    },

    /** The schemes with an area (the pack builder's choice of area). */
    async schemes(): Promise<{ id: string; name: string; area: string }[]> {
      return db.query(
        `select s.id, s.name, s.area from schemes s where exists (select 1 from scheme_outcodes so where so.scheme_id = s.id) order by s.area, s.id`,
      );
    },

    async find(id: string): Promise<InformationPoint | undefined> {
      if (!UUID.test(id)) return undefined;
      const r = await maybeOne<SqlRow>(db, `${SELECT} and ip.id = $1`, [id]);
      return r ? toPoint(r) : undefined;
    },

    async ofScheme(schemeId: string): Promise<InformationPoint[]> {
      return (await db.query(`${SELECT} and ip.scheme_id = $1 ${ORDER}`, [schemeId])).map(toPoint);
    },

    /** The points of every scheme whose area holds one of these postcode districts (outcodes). */
    async coveringOutcodes(outcodes: readonly string[]): Promise<InformationPoint[]> {
      if (outcodes.length === 0) return [];
      return (
        await db.query(`${SELECT} and ip.scheme_id in (select so.scheme_id from scheme_outcodes so where so.outcode = any($1::text[])) ${ORDER}`, [outcodes])
      ).map(toPoint);
    },

    /**
     * Connectors on duty at these points between two instants: shifts booked at the point, or older
     * shifts naming only the kind of point in its scheme. Only the connector's first name is read, and only when they let it be shown.
     */
    async onDuty(points: readonly Pick<InformationPoint, 'id' | 'schemeId' | 'kind'>[], from: Date, until: Date): Promise<Map<string, OnDuty[]>> {
      const found = new Map<string, OnDuty[]>();
      if (points.length === 0) return found;
      const rows = await db.query<{ point_id: string; starts_at: string; ends_at: string; first_name: string | null }>(
        `select p.id as point_id, s.starts_at, s.ends_at, case when s.show_first_name then split_part(u.display_name, ' ', 1) end as first_name
           from information_points p
           join connector_shifts s on (s.information_point_id = p.id
             or (s.information_point_id is null and s.scheme_id = p.scheme_id and s.info_point = p.kind))
           join users u on u.id = s.connector_id
          where p.id = any($1::uuid[]) and p.retired_at is null and s.starts_at < $3 and s.ends_at > $2
          order by s.starts_at, s.id`,
        [points.map((p) => p.id), from, until],
      );
      for (const r of rows) {
        const list = found.get(r.point_id) ?? [];
        list.push({ startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), connectorName: r.first_name });
        found.set(r.point_id, list);
      }
      return found;
    },

    async create(tx: Db, p: NewInformationPoint, now: Date): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into information_points (scheme_id, kind, name, description, place_name, address_line, town, postcode, phone, hours_note, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id`,
        [p.schemeId, p.kind, p.name, p.description, p.placeName, p.addressLine, p.town, p.postcode, p.phone, p.hoursNote, now],
      );
      const id = row!.id;
      for (const t of p.times) {
        await tx.query(
          `insert into information_point_times (information_point_id, frequency, weekday, week_of_month, start_date, start_time, end_time)
           values ($1, $2, $3, $4, $5::date, $6::time, $7::time)`,
          [id, t.frequency, t.weekday, t.weekOfMonth, t.startDate, t.startTime, t.endTime],
        );
      }
      return id;
    },

    /**
     * Replaces what a coordinator can edit. Times are replaced only when they changed (the calendar
     * feed's events are named by the times' ids, so an unchanged meeting keeps its place in
     * subscribers' calendars).
     */
    async update(tx: Db, id: string, p: Omit<NewInformationPoint, 'schemeId'>, now: Date): Promise<void> {
      await tx.query(
        `update information_points set kind = $2, name = $3, description = $4, place_name = $5, address_line = $6, town = $7, postcode = $8,
           phone = $9, hours_note = $10, updated_at = $11 where id = $1`,
        [id, p.kind, p.name, p.description, p.placeName, p.addressLine, p.town, p.postcode, p.phone, p.hoursNote, now],
      );
      const key = (t: Omit<InformationPointTime, 'id'>) => [t.frequency, t.weekday, t.weekOfMonth, t.startTime, t.endTime].join('|');
      const current = await tx.query<{
        id: string;
        frequency: 'weekly' | 'monthly';
        weekday: number;
        week_of_month: number | null;
        start_time: string;
        end_time: string;
      }>(
        `select id, frequency, weekday, week_of_month, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time
           from information_point_times where information_point_id = $1`,
        [id],
      );
      const wanted = new Set(p.times.map(key));
      const kept = new Set<string>();
      for (const c of current) {
        const k = key({
          frequency: c.frequency,
          weekday: c.weekday,
          weekOfMonth: c.week_of_month,
          startDate: '',
          startTime: c.start_time,
          endTime: c.end_time,
        });
        if (wanted.has(k) && !kept.has(k)) kept.add(k);
        else await tx.query('delete from information_point_times where id = $1', [c.id]);
      }
      for (const t of p.times.filter((t) => !kept.has(key(t)))) {
        await tx.query(
          `insert into information_point_times (information_point_id, frequency, weekday, week_of_month, start_date, start_time, end_time)
           values ($1, $2, $3, $4, $5::date, $6::time, $7::time)`,
          [id, t.frequency, t.weekday, t.weekOfMonth, t.startDate, t.startTime, t.endTime],
        );
      }
    },

    /** A point that closes: no longer listed, printed or served as a calendar; its shifts keep their place (decision 041). */
    async retire(tx: Db, id: string, now: Date): Promise<void> {
      await tx.query('update information_points set retired_at = $2, updated_at = $2 where id = $1 and retired_at is null', [id, now]);
    },
  };
}

export type InformationPointRepository = ReturnType<typeof createInformationPointRepository>;
