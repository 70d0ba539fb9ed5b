import type { Db } from '../src/data/database.ts';
import { gridToLatLng } from '../src/domain/geo.ts';
import { deriveSessionFields } from '../src/domain/schedule.ts';
import type { ActivitySession } from '../src/domain/directory.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, LANGUAGES, NEEDS, SUPPORT, codesOf, labelsOf } from '../src/domain/vocabulary.ts';
import { upsertPostcodes } from '../src/data/import/postcode.writer.ts';
import type { Position, random } from './positions.ts';

type Rng = ReturnType<typeof random>;
export type Scale = { activities: number; places: number; heritage: number; organisations: number };

const TYPES = codesOf(ACTIVITY_TYPES);
const NEED_CODES = codesOf(NEEDS);
const ACCESS = codesOf(ACCESS_FEATURES);
const SUPPORT_CODES = codesOf(SUPPORT);
const LANGS = codesOf(LANGUAGES);
const TOWNS = [
  'Ashby',
  'Barton',
  'Castleford',
  'Denby',
  'Eastwood',
  'Fenwick',
  'Grantley',
  'Hatfield',
  'Ilkley',
  'Kirkby',
  'Langley',
  'Marston',
  'Newbold',
  'Oakham',
  'Preston',
  'Ripley',
  'Selby',
  'Thornbury',
  'Upton',
  'Whitby',
  'Yarley',
];
const VENUES = [
  'Museum',
  'Library',
  'Parish Church',
  'Chapel',
  'Castle',
  'Abbey',
  'Mill',
  'Town Hall',
  'Record Office',
  'Park',
  'Gardens',
  'Priory',
  'Heritage Centre',
  'Railway Station',
  'Almshouses',
  'Guildhall',
  'Windmill',
  'Community Hall',
];
const TOPICS = [
  'local history',
  'the cloth trade',
  'the railway',
  'the old mills',
  'wartime memories',
  'the canal',
  'family history',
  'the market town',
  'the fishing fleet',
  'coal mining',
  'lace making',
  'the medieval town',
  'the Victorian park',
  'old photographs',
  'the parish registers',
];
const KINDS: Record<string, string[]> = {
  walk: ['Heritage walk', 'History stroll', 'Town trail'],
  guided_tour: ['Guided tour', 'Behind the scenes tour'],
  memory_cafe: ['Memory café', 'Reminiscence café'],
  oral_history: ['Oral history group', 'Memories recording'],
  community_archaeology: ['Community dig', 'Test pit archaeology'],
  object_handling: ['Object handling', 'Museum handling session'],
  archives_research: ['Archive club', 'Family history drop-in'],
  creative: ['Creative writing', 'Heritage photography', 'Sketching club'],
  crafts: ['Craft circle', 'Traditional skills workshop'],
  conservation_volunteering: ['Conservation volunteers', 'Restoration team'],
  gardens_green_heritage: ['Historic gardeners', 'Orchard volunteers'],
  heritage_transport: ['Engine shed volunteers', 'Heritage railway crew'],
  places_of_worship: ['Quiet hour', 'Church history tour'],
  music_song: ['Singing group', 'Folk song circle'],
  talks_learning: ['History talk', 'Heritage lecture series'],
};

async function inBatches<T>(items: T[], size: number, fn: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

/**
 * A national-scale synthetic directory: organisations, places at real postcode positions, activities
 * with one or two sessions each (derived search fields computed here exactly as refreshActivityIndex
 * would), the search lexicon, heritage assets, and the postcodes searches start from.
 */
export async function generateDirectory(db: Db, rng: Rng, positions: Position[], scale: Scale, now: Date, log: (s: string) => void) {
  const placePositions = positions.slice(0, scale.places);
  await inBatches(placePositions, 5000, (b) =>
    upsertPostcodes(
      db,
      b.map((p) => ({ ...p, adminDistrict: null })),
    ),
  );
  log(`postcodes: ${placePositions.length}`);

  const orgs = Array.from({ length: scale.organisations }, (_, i) => ({
    name: `${rng.pick(TOWNS)} ${rng.pick(['Heritage Trust', 'History Society', 'Museum Friends', 'Archaeology Group', 'Civic Society'])} ${i}`,
    status: i % 50 === 0 ? 'pending' : 'approved',
  }));
  const orgIds: string[] = [];
  await inBatches(orgs, 5000, async (b) => {
    const rows = await db.query<{ id: string }>(
      `insert into organisations (name, org_type, status, created_at, updated_at) select n, 'heritage_trust', s, $3, $3 from unnest($1::text[], $2::text[]) as t(n, s) returning id`,
      [b.map((o) => o.name), b.map((o) => o.status), now],
    );
    orgIds.push(...rows.map((r) => r.id));
  });

  const places = placePositions.map((p, i) => ({
    org: orgIds[i % orgIds.length]!,
    name: `${rng.pick(TOWNS)} ${rng.pick(VENUES)}`,
    town: rng.pick(TOWNS),
    postcode: p.postcode,
    easting: p.easting,
    northing: p.northing,
    ...gridToLatLng(p),
  }));
  const placeIds: string[] = [];
  await inBatches(places, 5000, async (b) => {
    const rows = await db.query<{ id: string }>(
      `insert into places (organisation_id, name, town, postcode, easting, northing, latitude, longitude, created_at, updated_at)
       select *, $9::timestamptz, $9::timestamptz from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::float8[], $8::float8[]) returning id`,
      [
        b.map((p) => p.org),
        b.map((p) => p.name),
        b.map((p) => p.town),
        b.map((p) => p.postcode),
        b.map((p) => p.easting),
        b.map((p) => p.northing),
        b.map((p) => p.latitude),
        b.map((p) => p.longitude),
        now,
      ],
    );
    placeIds.push(...rows.map((r) => r.id));
  });
  log(`organisations: ${orgIds.length}, places: ${placeIds.length}`);

  const lexicon = new Set<string>();
  const DAY = 86_400_000;
  type Row = Record<string, unknown>;
  const activities: Row[] = [];
  const sessions: Row[][] = [];
  for (let i = 0; i < scale.activities; i++) {
    const pi = i % places.length;
    const place = places[pi]!;
    const types = rng.some(TYPES, 2);
    const needs = rng.some(NEED_CODES, 3);
    const topic = rng.pick(TOPICS);
    const title = `${rng.pick(KINDS[types[0]!]!)}: ${topic}`;
    const summary = `A friendly ${labelsOf(ACTIVITY_TYPES, types).join(' and ').toLowerCase()} session about ${topic} at ${place.name}.`;
    const description = `Join us to explore ${topic}. ${rng.next() < 0.3 ? 'Tea and cake provided. ' : ''}Everyone is welcome, no experience needed.`;
    const frequency = rng.pick(['weekly', 'weekly', 'fortnightly', 'monthly'] as const);
    const weekday = 1 + rng.int(7);
    const hour = 9 + rng.int(10);
    const session: ActivitySession = {
      id: '',
      activityId: '',
      frequency,
      weekday,
      weekOfMonth: frequency === 'monthly' ? rng.pick([1, 2, 3, -1]) : null,
      startDate: '2026-01-05',
      endDate: null,
      startTime: `${String(hour).padStart(2, '0')}:00`,
      endTime: `${String(hour + 2).padStart(2, '0')}:00`,
      note: '',
      bankHolidays: 'not_christmas',
      cancellations: [],
    };
    const months = rng.next() < 0.1 ? [4, 5, 6, 7, 8, 9] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const derived = deriveSessionFields([session], now, months);
    const r = rng.next();
    const activity: Row = {
      organisation_id: place.org,
      place_id: placeIds[pi],
      title,
      summary,
      description,
      activity_types: types,
      needs,
      cost_type: r < 0.75 ? 'free' : r < 0.9 ? 'free_for_referred' : 'paid',
      price_pence: r < 0.75 ? null : 500,
      access: rng.some(ACCESS, 5),
      support: rng.some(SUPPORT_CODES, 3),
      referral_routes: ['link_worker', 'self'],
      languages: rng.next() < 0.1 ? ['en', rng.pick(LANGS)] : ['en'],
      months,
      capacity: 5 + rng.int(25),
      status: rng.next() < 0.95 ? 'live' : 'pending',
      last_checked_at: new Date(now.getTime() - (rng.next() < 0.04 ? 380 + rng.int(100) : rng.int(300)) * DAY).toISOString(),
      session_days: derived.sessionDays,
      session_times: derived.sessionTimes,
      next_session_at: derived.nextSessionAt?.toISOString() ?? null,
      next_session_end_at: derived.nextSessionEndAt?.toISOString() ?? null,
    };
    // As refreshActivityIndex does: type and need labels rank above the rest of the text.
    const labels = [...labelsOf(ACTIVITY_TYPES, types), ...labelsOf(NEEDS, needs)].join(' ');
    const searchText = [
      summary,
      description,
      ...labelsOf(ACCESS_FEATURES, activity.access as string[]),
      ...labelsOf(SUPPORT, activity.support as string[]),
      orgs[i % orgs.length]!.name,
      place.name,
      place.town,
    ].join(' ');
    for (const w of `${title} ${labels} ${searchText}`.toLowerCase().match(/[a-z\u00c0-\u024f]{3,}/g) ?? []) lexicon.add(w);
    activities.push({ ...activity, search_labels: labels, search_text: searchText });
    sessions.push([
      { frequency, weekday, week_of_month: session.weekOfMonth, start_date: session.startDate, start_time: session.startTime, end_time: session.endTime },
    ]);
  }
  const started = performance.now();
  await inBatches(
    activities.map((a, i) => ({ a, s: sessions[i]! })),
    2500,
    async (b) => {
      const ids = await db.query<{ id: string }>(
        `insert into activities (organisation_id, place_id, title, summary, description, activity_types, needs, cost_type, price_pence, access, support,
         referral_routes, languages, months, capacity, status, last_checked_at, session_days, session_times, next_session_at, next_session_end_at, search_text,
         search_labels, created_at, updated_at)
       select organisation_id, place_id, title, summary, description, activity_types, needs, cost_type, price_pence, access, support, referral_routes,
         languages, months, capacity, status, last_checked_at, session_days, session_times, next_session_at, next_session_end_at, search_text, search_labels, $2, $2
       from jsonb_to_recordset($1::jsonb) as x(organisation_id uuid, place_id uuid, title text, summary text, description text, activity_types text[],
         needs text[], cost_type text, price_pence int, access text[], support text[], referral_routes text[], languages text[], months int[], capacity int,
         status text, last_checked_at timestamptz, session_days int[], session_times text[], next_session_at timestamptz, next_session_end_at timestamptz,
         search_text text, search_labels text)
       returning id`,
        [JSON.stringify(b.map((x) => x.a)), now],
      );
      const rows = b.flatMap((x, i) => x.s.map((s) => ({ ...s, activity_id: ids[i]!.id })));
      await db.query(
        `insert into activity_sessions (activity_id, frequency, weekday, week_of_month, start_date, start_time, end_time, created_at)
       select activity_id, frequency, weekday, week_of_month, start_date, start_time, end_time, $2
       from jsonb_to_recordset($1::jsonb) as x(activity_id uuid, frequency text, weekday int, week_of_month int, start_date date, start_time time, end_time time)`,
        [JSON.stringify(rows), now],
      );
    },
  );
  log(`activities: ${activities.length} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await db.query('insert into search_lexicon (word) select unnest($1::text[]) on conflict do nothing', [[...lexicon]]);

  const hStarted = performance.now();
  const heritage = Array.from({ length: scale.heritage }, (_, i) => {
    const p = positions[rng.int(positions.length)]!;
    const e = p.easting + rng.int(600) - 300;
    const n = p.northing + rng.int(600) - 300;
    return {
      id: String(2000000 + i),
      name: `${rng.pick(TOWNS)} ${rng.pick(['barrow', 'cross', 'moated site', 'chapel', 'mill', 'bridge', 'house'])}`,
      e,
      n,
      ...gridToLatLng({ easting: e, northing: n }),
    };
  });
  await inBatches(heritage, 20000, (b) =>
    db.query(
      `insert into heritage_assets (source, source_id, name, category, easting, northing, latitude, longitude, licence)
       select 'nhle_scheduled_monument', i, n, 'Scheduled monument', e, no, la, lo, 'synthetic benchmark data'
       from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::float8[], $6::float8[]) as t(i, n, e, no, la, lo)`,
      [b.map((h) => h.id), b.map((h) => h.name), b.map((h) => h.e), b.map((h) => h.n), b.map((h) => h.latitude), b.map((h) => h.longitude)],
    ),
  );
  log(`heritage assets: ${heritage.length} in ${((performance.now() - hStarted) / 1000).toFixed(1)} s`);
  // As the heritage importer does: nearby assets share table pages.
  await db.exec('cluster heritage_assets using heritage_assets_pos_idx; analyze');
  return { searchPostcodes: placePositions.map((p) => p.postcode) };
}
