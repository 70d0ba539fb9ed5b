import type { Db } from '../src/data/database.ts';
import type { Fixture } from './access-matrix.table.ts';

/**
 * The seeded records that fill the routes' parameters (see `params` in access-matrix.table.ts): real
 * demo records belonging to the "home" actors (Yarmouth). Shared by the access matrix (vitest) and the
 * browser check of every page (e2e/every-page.spec.ts), which reads them before its server starts.
 */
export type Fixtures = Record<Fixture, string>;

/** The fixtures found in the database alone. */
export type RecordFixtures = Omit<
  Fixtures,
  'questionnaireReferral' | 'timePoint' | 'token' | 'taxonomy' | 'taxonomyTerm' | 'orukOrganisation' | 'orukServiceAtLocation' | 'orukLocation'
>;

/** A questionnaire due for someone on linkworker.yarmouth's caseload. */
export type DueQuestionnaire = Pick<Fixtures, 'questionnaireReferral' | 'timePoint'>;

/** What the fixtures that only the app can tell need: pages fetched as linkworker.yarmouth, and open data. */
export type FixtureWeb = {
  linkWorkerGet(url: string): Promise<string>;
  linkWorkerPost(url: string): Promise<{ status: number; body: string }>;
  getJson(url: string): Promise<unknown>;
};

async function one<T>(db: Db, sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await db.query<T>(sql, params);
  if (!row) throw new Error(`No seeded record for: ${sql}`);
  return row;
}

/** Records read from the seeded database (and one pending letter, added for the letters page). */
export async function findRecordFixtures(db: Db): Promise<RecordFixtures> {
  const id = async (sql: string, params: unknown[] = []) => (await one<{ id: string }>(db, sql, params)).id;
  const lw = await id(`select id from users where email = 'linkworker.yarmouth@waymark.example'`);
  const yht = await id(`select id from organisations where name = 'Yarmouth Heritage Trust'`);
  const ref = await one<{ id: string; participant_id: string }>(
    db,
    `select r.id, r.participant_id from referrals r join participants p on p.id = r.participant_id
      where p.caseworker_id = $1 and p.anonymised_at is null and r.status = 'sent' and r.provider_organisation_id = $2 and r.referrer_id = $1
      order by p.preferred_name limit 1`,
    [lw, yht],
  );
  const activity = await id(
    `select a.id from activities a where a.organisation_id = $1 and a.status = 'live' and exists (select 1 from activity_sessions s where s.activity_id = a.id)
      order by a.title limit 1`,
    [yht],
  );
  const letter = await id(
    `insert into notifications (channel, recipient, subject, body, referral_id, status, created_at) values ('letter', 'Derek\n1 Market Row\nGreat Yarmouth\nNR30 1NE',
      'Your referral', 'Hello', $1, 'pending', to_timestamp(1795255200)) returning id`,
    [ref.id],
  );

  // A directory imported from an Open Referral feed, and one run of it (decision 046).
  const importSource = await id(
    `insert into import_sources (address, name, created_at, updated_at) values ('https://directory.example.org/services', 'directory.example.org',
       to_timestamp(1795255200), to_timestamp(1795255200)) on conflict (address) do update set name = excluded.name returning id`,
  );
  const importRun = await id(
    `insert into import_runs (source_id, feed_version, status, last_page_done, started_at, finished_at)
     values ($1, '1.0', 'finished', 1, to_timestamp(1795255200), to_timestamp(1795255200)) returning id`,
    [importSource],
  );

  // A calendar read for the activity and not yet confirmed (calendars in, decision 037).
  const calendarImport = await id(
    `insert into calendar_imports (activity_id, source, sessions, skipped, fingerprint, status, created_at)
     values ($1, 'file', '[]'::jsonb, '[]'::jsonb, 'matrix', 'preview', to_timestamp(1795255200)) returning id`,
    [activity],
  );

  const calendarImportWaiting = await id(
    `insert into calendar_imports (activity_id, source, sessions, skipped, fingerprint, status, created_at)
     values ($1, 'url', '[]'::jsonb, '[]'::jsonb, 'matrix', 'awaiting_approval', to_timestamp(1795255200)) returning id`,
    [activity],
  );

  // A shared shortlist (no personal data: a code and activity ids).
  const sharedShortlist = 'ACCESS23';
  await db.query(
    `insert into shared_shortlists (code, activity_ids, created_at) values ($1, array[$2]::uuid[], to_timestamp(1795255200)) on conflict do nothing`,
    [sharedShortlist, activity],
  );

  // Accompanied visits (Nottingham): Alan's planned visit with Dorothy, the open alert about his visit with Femi.
  const buddyVisit = await id(`select bv.id from buddy_visits bv join referrals r on r.id = bv.referral_id join participants p on p.id = r.participant_id
      join volunteers v on v.id = bv.volunteer_id where p.preferred_name = 'Dorothy Marsh' and v.known_as = 'Alan' and bv.status = 'planned' order by bv.meets_at limit 1`);
  const visitAlert = await id(`select id from visit_alerts where acknowledged_at is null order by raised_at limit 1`);
  const buddyReferral = await id(`select r.id from referrals r join participants p on p.id = r.participant_id
      where p.preferred_name = 'Dorothy Marsh' and r.target = 'buddy_scheme'`);

  const buddyProposal = await id(`select bp.id from buddy_proposals bp join referrals r on r.id = bp.referral_id join participants p on p.id = r.participant_id
      where p.preferred_name = 'Winifred Hale' and bp.status = 'proposed'`);

  // A completed prescription in linkworker.yarmouth's caseload, ending with volunteering as a next step (decision 034).
  const completedReferral = await id(
    `update referrals set next_steps = array['carry_on', 'volunteer'] where id = (select r.id from referrals r join participants p on p.id = r.participant_id
      where p.caseworker_id = $1 and p.anonymised_at is null and r.status = 'completed' order by p.preferred_name, r.id limit 1) returning id`,
    [lw],
  );

  // Community heritage (decision 042): Maureen's published place (with a photo) and her memory waiting for review.
  const communityPlace = await id(`select id from contributions where title = 'The chip stalls on the Market Place'`);
  const contributionPhoto = await id(
    `insert into contribution_photos (contribution_id, alt_text, width, height, small_jpeg, small_webp, large_jpeg, large_webp, created_at)
     values ($1, 'Chips', 1, 1, '\\xffd8ff'::bytea, '\\x52494646'::bytea, '\\xffd8ff'::bytea, '\\x52494646'::bytea, to_timestamp(1795255200)) returning id`,
    [communityPlace],
  );
  const contributionWaiting = await id(`select id from contributions where title = 'My mother was a herring girl'`);
  // Decision 048: a draft memory of Maureen's (recordings are added while it can be changed), and a recording on her published memory of a walk stop.
  const contributionDraft = await id(
    `insert into contributions (kind, status, contributor_id, credit_kind, licence, title, body, area_outcode, about_heritage_asset_id, about_place_id,
       about_activity_id, created_at, updated_at)
     select kind, 'draft', contributor_id, credit_kind, licence, 'Matrix draft memory', body, area_outcode, about_heritage_asset_id, about_place_id,
       about_activity_id, created_at, updated_at from contributions where id = $1 returning id`,
    [contributionWaiting],
  );
  const recording = await id(
    `insert into contribution_recordings (contribution_id, format, duration_seconds, byte_size, transcript, bytes, created_at)
     select id, 'mp3', 1, 4, 'Matrix transcript', '\\xfffb9000'::bytea, created_at from contributions where title = 'Hopscotch in Row 111' returning id`,
  );

  const visitExpense = await id(`select id from visit_expenses where status = 'claimed' order by claimed_at limit 1`);

  return {
    communityPlace,
    contributionPhoto,
    contributionWaiting,
    contributionDraft,
    recording,
    photoCopy: 'small.jpg',
    buddyProposal,
    completedReferral,
    visitExpense,
    buddyVisit,
    visitAlert,
    buddyReferral,
    participant: ref.participant_id,
    consent: await id(`select id from consents where participant_id = $1 and withdrawn_at is null order by purpose limit 1`, [ref.participant_id]),
    referral: ref.id,
    activity,
    // Moderated in the Yarmouth and Waveney area (their places are there).
    pendingActivity: await id(`select id from activities where status = 'pending' and title = 'Songs of the herring fleet'`),
    pendingOrganisation: await id(`select id from organisations where status = 'pending' and name = 'Gorleston Heritage Singers'`),
    change: await id(`select c.id from activity_changes c join activities a on a.id = c.activity_id
      where c.status = 'pending' and a.title = 'Maritime memories café'`),
    place: await id(`select id from places where organisation_id = $1 order by name limit 1`, [yht]),
    session: await id(`select id from activity_sessions where activity_id = $1 limit 1`, [activity]),
    prompt: await id(`select id from conversation_prompts order by position limit 1`),
    importSource,
    importRun,
    searchSynonym: await id(`select id from search_synonyms order by searched_for, also_find limit 1`),
    buddyScheme: await id(`select id from buddy_schemes where name = 'Yarmouth Heritage Buddies'`),
    // A Nottingham buddy scheme run by an organisation volunteers.nottingham leads.
    leadBuddyScheme: await id(`select b.id from buddy_schemes b join memberships m on m.organisation_id = b.organisation_id
      join users u on u.id = m.user_id where u.email = 'volunteers.nottingham@waymark.example' order by b.name limit 1`),
    user: await id(`select id from users where email = 'provider.gorleston@waymark.example'`),
    // Maureen Cole adds community heritage in Yarmouth (demo-accounts.ts, contributions.seed.ts).
    contributor: await id(`select id from users where email = 'contributor.yarmouth@waymark.example'`),
    letter,
    calendarImport,
    calendarImportWaiting,
    instrument: 'swemwbs',
    volunteerTimePoint: 'training',
    asset: 'manifest.json',
    staticFile: 'waymark.css',
    leafletFile: 'leaflet.js',
    apiUnknown: 'nothing-here',
    sharedShortlist,
    organisation: yht,
    shortCode: (await one<{ short_code: string }>(db, 'select short_code from activities where id = $1', [activity])).short_code,
    // Nottingham: Bev is in recruitment at the women's centre; Dev offered to be a Museum Buddy.
    volunteer: await id(`select id from volunteers where known_as = 'Bev'`),
    volunteerInterest: await id(`select id from volunteer_interests where known_as = 'Dev'`),
    // Bill Hewitt's (connector.yarmouth) latest signposting conversation, and the open Yarmouth shift (signposting.seed.ts).
    signpostingConversation: await id(
      `select c.id from signposting_conversations c join users u on u.id = c.connector_id
        where u.email = 'connector.yarmouth@waymark.example' order by c.held_on desc, c.id limit 1`,
    ),
    informationPoint: await id(`select id from information_points where name = 'Great Yarmouth Library'`),
    // Great Yarmouth's Rows (walks.seed.ts): Yarmouth Heritage Trust's walk, published, in the Yarmouth scheme's area.
    walk: await id(`select id from walks where town = 'Great Yarmouth' and status = 'published' order by title limit 1`),
    walkStop: await id(
      `select s.id from walk_stops s join walks w on w.id = s.walk_id where w.town = 'Great Yarmouth' and s.position = 2 order by w.title limit 1`,
    ),
    // The caller Bill handed to Yarmouth's link workers (signposting.seed.ts, decision 039).
    linkWorkerRequest: await id(`select id from link_worker_requests where preferred_name = 'Pauline' and status = 'open'`),
    connectorShift: await id(`select s.id from connector_shifts s join users u on u.scheme_id = s.scheme_id
      where u.email = 'coordinator@waymark.example' and s.connector_id is null order by s.starts_at limit 1`),
  };
}

/** A volunteer lead of another organisation (Frome History Society), to show volunteers do not leak across organisations. */
export async function addVolunteerLeadElsewhere(db: Db, email: string, passwordHash: string) {
  const org = await one<{ id: string; scheme_id: string }>(db, `select id, scheme_id from organisations where name = 'Frome History Society'`);
  const { id } = await one<{ id: string }>(
    db,
    `insert into users (email, display_name, password_hash, role, scheme_id, created_at) values ($1, 'Matrix Lead', $2, 'volunteer_lead', $3, to_timestamp(1795255200)) returning id`,
    [email, passwordHash, org.scheme_id],
  );
  await db.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, to_timestamp(1795255200))', [id, org.id]);
}

/** The first questionnaire on linkworker.yarmouth's "Questionnaires due" page. */
export async function findDueQuestionnaire(linkWorkerGet: FixtureWeb['linkWorkerGet']): Promise<DueQuestionnaire> {
  const due = (await linkWorkerGet('/caseload/questionnaires')).match(/\/caseload\/questionnaires\/([0-9a-f-]{36})\/([a-z_]+)"/);
  if (!due) throw new Error('No questionnaire due for linkworker.yarmouth in the demo data');
  return { questionnaireReferral: due[1]!, timePoint: due[2]! };
}

/** The one-time questionnaire link shown on the "Questionnaire link made" page. */
export function questionnaireToken(html: string): string | undefined {
  return html.match(/\/questionnaire\/([A-Za-z0-9_-]{43})/)?.[1];
}

/** Makes a one-time questionnaire link, as the link worker would. */
export async function makeQuestionnaireLink(linkWorkerPost: FixtureWeb['linkWorkerPost'], due: DueQuestionnaire): Promise<string> {
  const made = await linkWorkerPost(`/caseload/questionnaires/${due.questionnaireReferral}/${due.timePoint}/link`);
  const token = questionnaireToken(made.body);
  if (!token) throw new Error(`Could not make a questionnaire link (${made.status})`);
  return token;
}

/** Ids from the open-data API, which has no other page listing them. */
export async function findOpenDataFixtures(
  getJson: FixtureWeb['getJson'],
): Promise<Pick<Fixtures, 'taxonomy' | 'taxonomyTerm' | 'orukOrganisation' | 'orukServiceAtLocation' | 'orukLocation'>> {
  const firstId = async (url: string) => {
    const page = (await getJson(url)) as { contents?: { id: string }[]; content?: { id: string }[] };
    const found = (page.contents ?? page.content)?.[0]?.id;
    if (!found) throw new Error(`No id in ${url}`);
    return found;
  };
  return {
    taxonomy: await firstId('/api/oruk/taxonomies'),
    taxonomyTerm: await firstId('/api/oruk/taxonomy_terms'),
    orukOrganisation: await firstId('/api/oruk/organizations'),
    orukServiceAtLocation: await firstId('/api/oruk/service_at_locations'),
    orukLocation: await firstId('/api/oruk/v1/locations'),
  };
}

/** Every fixture the access matrix needs. */
export async function findFixtures(db: Db, web: FixtureWeb): Promise<Fixtures> {
  const records = await findRecordFixtures(db);
  const due = await findDueQuestionnaire(web.linkWorkerGet);
  const token = await makeQuestionnaireLink(web.linkWorkerPost, due);
  return { ...records, ...due, token, ...(await findOpenDataFixtures(web.getJson)) };
}
