import type { Role } from '../src/domain/user.ts';

/**
 * Who may use every route Waymark serves (issue: "Access"). One entry per `METHOD pattern` of
 * `app.routeTable`; test/access-matrix.suite.ts fails when a route is served without an entry here,
 * or an entry names a route that no longer exists.
 *
 * - `who`: 'public' (anyone, signed in or out) or the roles that may use it; signed-out people are
 *   sent to sign in, other roles get 403.
 * - `scope`: for routes about one record, whose record it must be (per role). The test fills the
 *   route's parameters with records belonging to the "home" actors (Yarmouth: linkworker.yarmouth's
 *   caseload, Yarmouth Heritage Trust, the Heritage for Wellbeing scheme); actors of an allowed role
 *   who do not reach the record get `crossStatus` (404 unless the app chose otherwise).
 *     any               every user of an allowed role (national directory, accounts, prompts)
 *     own-organisation  provider staff of the organisation that owns it
 *     own-scheme        coordinators of the scheme it belongs to
 *     own-caseload      the person's link worker, or their team when the organisation shares caseloads
 *     own-referrals     the connector who referred the person
 *     own-record        the volunteer who recorded it (a connector's own signposting conversation)
 *     token             anyone holding the one-time link (no account)
 *     own-visit         the buddy the accompanied visit (or the proposal to go with someone) is for (Nottingham records: Alan's)
 *     own-volunteers    volunteer leads (and provider staff) of the organisation running the buddy scheme or hosting the buddy
 *     own-contribution  the person who added a community heritage item (Maureen, contributor.yarmouth)
 * - `params`: which seeded record fills each route parameter (see fixtures in the test).
 * - `ok`: what an allowed GET answers (default 200); `okSignedOut` when signed-out people get another answer.
 * - `form`: plausible fields posted by actors who are NOT allowed (nothing may change).
 */
export type Scope =
  | 'any'
  | 'own-organisation'
  | 'own-scheme'
  | 'own-caseload'
  | 'own-referrals'
  | 'own-record'
  | 'token'
  | 'own-visit'
  | 'own-volunteers'
  | 'own-contribution';

export type Fixture =
  | 'participant'
  | 'linkWorkerRequest'
  | 'consent'
  | 'referral'
  | 'activity'
  | 'pendingActivity'
  | 'pendingOrganisation'
  | 'change'
  | 'place'
  | 'session'
  | 'prompt'
  | 'searchSynonym'
  | 'importSource'
  | 'importRun'
  | 'buddyScheme'
  | 'user'
  | 'letter'
  | 'calendarImport'
  | 'calendarImportWaiting'
  | 'questionnaireReferral'
  | 'timePoint'
  | 'token'
  | 'instrument'
  | 'taxonomy'
  | 'taxonomyTerm'
  | 'orukOrganisation'
  | 'orukServiceAtLocation'
  | 'orukLocation'
  | 'asset'
  | 'staticFile'
  | 'leafletFile'
  | 'apiUnknown'
  | 'sharedShortlist'
  | 'shortCode'
  | 'organisation'
  | 'volunteer'
  | 'volunteerInterest'
  | 'signpostingConversation'
  | 'connectorShift'
  | 'informationPoint'
  | 'buddyVisit'
  | 'contributor'
  | 'visitAlert'
  | 'buddyReferral'
  | 'visitExpense'
  | 'buddyProposal'
  | 'leadBuddyScheme'
  | 'volunteerTimePoint'
  | 'completedReferral'
  | 'walk'
  | 'walkStop'
  | 'communityPlace'
  | 'contributionWaiting'
  | 'contributionPhoto'
  | 'contributionDraft'
  | 'recording'
  | 'photoCopy';

export type Expect = { status: number; location?: string };

export type RouteAccess = {
  who: 'public' | Role[];
  scope?: Scope | Partial<Record<Role, Scope>>;
  crossStatus?: 403 | 404;
  params?: Record<string, Fixture>;
  query?: string;
  ok?: Expect;
  okSignedOut?: Expect;
  form?: Record<string, string>;
  note?: string;
};

const volunteerPrivacy = { params: { id: 'volunteer' as Fixture }, scope: { volunteer_lead: 'own-volunteers', admin: 'any' } as const };
const loneWorkingForm = { checkoutGraceMinutes: '15', escalateAfterMinutes: '15', safeguardingName: 'Matrix', safeguardingEmail: 'matrix@example.org' };

const publicRoute = (extra: Omit<RouteAccess, 'who'> = {}): RouteAccess => ({ who: 'public', ...extra });
const signedIn = (roles: Role[], extra: Omit<RouteAccess, 'who'> = {}): RouteAccess => ({ who: roles, ...extra });

const COORDINATION: Role[] = ['coordinator', 'admin'];
const EVERYONE: Role[] = ['provider', 'coordinator', 'admin', 'link_worker', 'connector', 'commissioner', 'buddy', 'volunteer_lead', 'contributor'];
/** Community heritage (decision 042): members of the public with an account, and staff entering for a teller. */
const CONTRIBUTORS: Role[] = ['contributor', 'provider', 'connector'];
const contributionForm = {
  title: 'Matrix place',
  placeKind: 'shop',
  body: 'Must not be saved',
  postcode: 'NR30 1NE',
  creditKind: 'anonymous',
  licence: 'cc_by_4',
};
const memoryForm = { title: 'Matrix memory', body: 'Must not be saved', creditKind: 'anonymous', licence: 'cc_by_4' };
const ownContribution = { params: { id: 'contributionWaiting' as Fixture }, scope: 'own-contribution' as const };
const ownDraft = { params: { id: 'contributionDraft' as Fixture }, scope: 'own-contribution' as const };
const contributionReview = {
  params: { id: 'contributionWaiting' as Fixture },
  scope: { coordinator: 'own-scheme', admin: 'any', provider: 'own-organisation' } as const,
  note: 'coordinators of the area; the provider whose activity a memory is about; administrators everywhere',
};
const directoryReview = (id: Fixture): RouteAccess =>
  signedIn(COORDINATION, {
    params: { id },
    scope: { coordinator: 'own-scheme', admin: 'any' },
    note: 'coordinators moderate their scheme area (where the place is, decision 016); administrators everywhere',
  });

/** Heritage walks (decision 043): provider staff of the walk's organisation, coordinators where it starts, administrators. */
const WALK_AUTHORS: Role[] = ['provider', 'coordinator', 'admin'];
const walkScope = { provider: 'own-organisation', coordinator: 'own-scheme', admin: 'any' } as const;
const ownWalk = { params: { id: 'walk' as Fixture }, scope: walkScope };
const ownWalkStop = { params: { id: 'walk' as Fixture, stopId: 'walkStop' as Fixture }, scope: walkScope };
const walkForm = { title: 'Matrix walk', summary: 'Must not be saved', town: 'Nowhere', postcode: 'NR30 1NE' };
const walkStopForm = { name: 'Matrix stop', postcode: 'NR30 1NE', stepFree: 'yes', legStepFree: 'yes', legSurface: 'paved', legGradient: 'flat' };

const provider = (extra: Omit<RouteAccess, 'who'> = {}) => signedIn(['provider'], extra);
const ownVolunteer = { params: { id: 'volunteer' as Fixture }, scope: 'own-volunteers' as const };
const ownInterest = { params: { id: 'volunteerInterest' as Fixture }, scope: 'own-volunteers' as const };
const ownActivity = { params: { id: 'activity' as Fixture }, scope: 'own-organisation' as const };
const ownSession = { params: { id: 'activity' as Fixture, sessionId: 'session' as Fixture }, scope: 'own-organisation' as const };

/** The caseload person: their link worker (and sharing team) or the scheme's coordinator. */
const person = { params: { id: 'participant' as Fixture }, scope: { link_worker: 'own-caseload', coordinator: 'own-scheme' } as const };
const personLinkWorker = { params: { id: 'participant' as Fixture }, scope: 'own-caseload' as const };
const privacy = { params: { id: 'participant' as Fixture }, scope: { link_worker: 'own-caseload', coordinator: 'own-scheme', admin: 'any' } as const };
const referral = {
  params: { id: 'referral' as Fixture },
  scope: { link_worker: 'own-caseload', connector: 'own-referrals', coordinator: 'own-scheme' } as const,
};
const questionnaire = { params: { referralId: 'questionnaireReferral' as Fixture, timePoint: 'timePoint' as Fixture }, scope: 'own-caseload' as const };

const participantForm = { preferredName: 'Matrix Test', contactPreference: 'phone', phone: '07700 900999', whatMatters: 'Old photographs' };
const promptForm = { theme: 'Matrix', prompt: 'A prompt that must not be saved' };
const buddySchemeForm = { name: 'Matrix Buddies', description: 'Must not be saved', areas: 'Nowhere', support: 'first_visits' };
const ownBuddyScheme = { params: { id: 'buddyScheme' as Fixture }, scope: 'own-scheme' as const };
const ownConversation = { params: { id: 'signpostingConversation' as Fixture }, scope: 'own-record' as const };
const signpostingForm = { heldOnDay: '1', heldOnMonth: '1', heldOnYear: '2030', infoPoint: 'library', linkWorker: 'yes', referralFollowed: 'no' };

export const ACCESS_TABLE: Record<string, RouteAccess> = {
  // Files and health: no session at all.
  'GET /static/*': publicRoute({ params: { '*': 'staticFile' } }),
  'GET /assets/*': publicRoute({ params: { '*': 'asset' } }),
  'GET /vendor/leaflet/*': publicRoute({ params: { '*': 'leafletFile' } }),
  'GET /map/areas.json': publicRoute({ note: 'local authority outlines for the map (open data, decision 021)' }),
  'GET /health': publicRoute(),

  // Public pages and the public directory.
  'GET /': publicRoute(),
  'GET /accessibility': publicRoute(),
  'GET /privacy': publicRoute(),
  'GET /activities': publicRoute(),
  'GET /activities/:id': publicRoute({ params: { id: 'activity' } }),
  'GET /activities/:id/print': publicRoute({ params: { id: 'activity' } }),
  'GET /shortlist': publicRoute(),
  'POST /shortlist/add': publicRoute(),
  'POST /shortlist/remove': publicRoute(),
  'GET /shortlist/clear': publicRoute(),
  'POST /shortlist/clear': publicRoute(),
  'POST /shortlist/share': publicRoute(),
  'GET /s/:shareCode': publicRoute({ params: { shareCode: 'sharedShortlist' } }),
  'POST /s/:shareCode/add': publicRoute({ params: { shareCode: 'sharedShortlist' } }),
  'GET /heritage-nearby': publicRoute(),
  // Heritage walks (decision 043): public pages, route card, GPX and open data; authoring by providers and coordinators.
  'GET /walks': publicRoute(),
  'GET /walks.geojson': publicRoute({ note: 'published walks as open data (GeoJSON, CC BY-SA 4.0)' }),
  'GET /walks/:id': publicRoute({ params: { id: 'walk' } }),
  'GET /walks/:id/route-card': publicRoute({ params: { id: 'walk' }, note: 'the printable A4 route card' }),
  'GET /walks/:id/route-card.pdf': publicRoute({ params: { id: 'walk' }, ok: { status: 404 }, note: 'no Chromium in tests: not offered' }),
  'GET /walks/:id/route.gpx': publicRoute({ params: { id: 'walk' } }),
  'GET /manage-walks': signedIn(WALK_AUTHORS),
  'GET /manage-walks/new': signedIn(WALK_AUTHORS),
  'POST /manage-walks/new': signedIn(WALK_AUTHORS, { form: walkForm }),
  'GET /manage-walks/:id': signedIn(WALK_AUTHORS, ownWalk),
  'GET /manage-walks/:id/details': signedIn(WALK_AUTHORS, ownWalk),
  'POST /manage-walks/:id/details': signedIn(WALK_AUTHORS, { ...ownWalk, form: walkForm }),
  'GET /manage-walks/:id/stops/new': signedIn(WALK_AUTHORS, ownWalk),
  'POST /manage-walks/:id/stops/new': signedIn(WALK_AUTHORS, { ...ownWalk, form: walkStopForm }),
  'GET /manage-walks/:id/stops/:stopId': signedIn(WALK_AUTHORS, ownWalkStop),
  'POST /manage-walks/:id/stops/:stopId': signedIn(WALK_AUTHORS, { ...ownWalkStop, form: walkStopForm }),
  'POST /manage-walks/:id/stops/:stopId/move': signedIn(WALK_AUTHORS, { ...ownWalkStop, form: { direction: 'up' } }),
  'POST /manage-walks/:id/stops/:stopId/delete': signedIn(WALK_AUTHORS, ownWalkStop),
  'POST /manage-walks/:id/publish': signedIn(WALK_AUTHORS, { ...ownWalk, note: 'provider staff reach the walk but only coordinators publish (403)' }),
  'POST /manage-walks/:id/unpublish': signedIn(WALK_AUTHORS, { ...ownWalk, note: 'provider staff reach the walk but only coordinators take it down (403)' }),

  // Community heritage (issue 11, decision 042).
  'GET /contribute': publicRoute(),
  'GET /contribute/sign-up': publicRoute(),
  'POST /contribute/sign-up': publicRoute({ note: 'creates a contributor account; rate limited' }),
  'GET /contribute/places/new': signedIn(CONTRIBUTORS),
  'POST /contribute/places/new': signedIn(CONTRIBUTORS, { form: contributionForm, note: 'multipart with a photo; rate limited per account and address' }),
  'GET /places/:placeRef': publicRoute({ params: { placeRef: 'communityPlace' } }),
  'GET /places/:placeRef/memories/new': signedIn(CONTRIBUTORS, { params: { placeRef: 'communityPlace' } }),
  'POST /places/:placeRef/memories/new': signedIn(CONTRIBUTORS, { params: { placeRef: 'communityPlace' }, form: memoryForm }),
  'GET /activities/:id/memories/new': signedIn(CONTRIBUTORS, { params: { id: 'activity' } }),
  'POST /activities/:id/memories/new': signedIn(CONTRIBUTORS, { params: { id: 'activity' }, form: memoryForm }),
  'GET /contribute/yours': signedIn(CONTRIBUTORS),
  'GET /contribute/your-data': signedIn(['contributor'], { note: 'a contributor’s own data (subject access, erasure)' }),
  'GET /contribute/your-data.json': signedIn(['contributor']),
  'POST /contribute/your-data/erase': signedIn(['contributor'], { form: { choice: 'remove', confirm: 'yes' } }),
  'GET /contribute/yours/:id': signedIn(CONTRIBUTORS, ownContribution),
  'GET /contribute/yours/:id/edit': signedIn(CONTRIBUTORS, ownContribution),
  'POST /contribute/yours/:id/edit': signedIn(CONTRIBUTORS, { ...ownContribution, form: memoryForm }),
  'POST /contribute/yours/:id/send': signedIn(CONTRIBUTORS, ownContribution),
  'POST /contribute/yours/:id/take-down': signedIn(CONTRIBUTORS, ownContribution),
  // Memories of walk stops and recordings (decision 048).
  'GET /walks/:id/stops/:stopId/memories/new': signedIn(CONTRIBUTORS, { params: { id: 'walk', stopId: 'walkStop' } }),
  'POST /walks/:id/stops/:stopId/memories/new': signedIn(CONTRIBUTORS, {
    params: { id: 'walk', stopId: 'walkStop' },
    form: memoryForm,
    note: 'a memory about a stop of a published walk; multipart with a photo; rate limited',
  }),
  'GET /contribute/yours/:id/recording': signedIn(CONTRIBUTORS, { ...ownDraft, note: 'only while the memory is a draft or sent back' }),
  'POST /contribute/yours/:id/recording': signedIn(CONTRIBUTORS, {
    ...ownDraft,
    form: { transcript: 'Must not be saved' },
    note: 'multipart with the recording (422 without one); rate limited',
  }),
  'POST /contribute/yours/:id/recording/remove': signedIn(CONTRIBUTORS, ownDraft),
  'GET /recordings/:recordingId': publicRoute({
    params: { recordingId: 'recording' },
    note: 'only the cleaned copy, by Waymark’s id; an unpublished memory’s recording answers 404 except to its contributor and moderators',
  }),
  'GET /photos/:photoId/:photoCopy': publicRoute({
    params: { photoId: 'contributionPhoto', photoCopy: 'photoCopy' },
    note: 'only re-encoded copies, by Waymark’s ids; an unpublished item’s photos answer 404 except to its contributor and moderators',
  }),
  'GET /contributions/:id/report': publicRoute({ params: { id: 'communityPlace' } }),
  'POST /contributions/:id/report': publicRoute({ params: { id: 'communityPlace' }, note: 'anyone may report a published item; rate limited' }),
  'GET /contributions/review': signedIn(['coordinator', 'admin', 'provider']),
  'GET /contributions/review/:id': signedIn(['coordinator', 'admin', 'provider'], contributionReview),
  'POST /contributions/review/:id': signedIn(['coordinator', 'admin', 'provider'], { ...contributionReview, form: { decision: 'published' } }),
  'GET /open-data/community-heritage.geojson': publicRoute({ note: 'published items under open licences only' }),
  'GET /open-data/community-heritage.csv': publicRoute(),
  'GET /c': publicRoute({ note: 'the home page box "Have a code from a leaflet?" (decision 030)' }),
  'GET /calendars/activities/:id/sessions.ics': publicRoute({ params: { id: 'activity' }, note: 'iCalendar feed (decision 031)' }),
  'GET /calendars/organisations/:id/sessions.ics': publicRoute({ params: { id: 'organisation' } }),
  'GET /calendars/search.ics': publicRoute(),
  'GET /calendars/information-points/:id/sessions.ics': publicRoute({ params: { id: 'informationPoint' }, note: 'iCalendar feed (decision 035)' }),
  'GET /talk-to-someone': publicRoute(),
  // The Heritage Café pack (decision 035): whoever makes packs and posters.
  'GET /coordinator/information-points': signedIn(['coordinator'], { note: 'a scheme’s coordinators keep its information points' }),
  'POST /coordinator/information-points': signedIn(['coordinator'], { form: { kind: 'library', name: 'Gorleston Library' } }),
  'GET /coordinator/information-points/:id/edit': signedIn(['coordinator'], { params: { id: 'informationPoint' }, scope: 'own-scheme' }),
  'POST /coordinator/information-points/:id/edit': signedIn(['coordinator'], {
    params: { id: 'informationPoint' },
    scope: 'own-scheme',
    form: { kind: 'library', name: 'Great Yarmouth Library' },
  }),
  'POST /coordinator/information-points/:id/retire': signedIn(['coordinator'], {
    params: { id: 'informationPoint' },
    scope: 'own-scheme',
    note: 'retired, not deleted: shifts there are kept (decision 041)',
  }),
  'GET /pack': signedIn(['connector', 'coordinator', 'provider', 'admin']),
  'GET /pack/print': signedIn(['connector', 'coordinator', 'provider', 'admin'], { query: 'where=NR30' }),
  'GET /pack/print.pdf': signedIn(['connector', 'coordinator', 'provider', 'admin'], { ok: { status: 404 }, note: 'no Chromium in tests: not offered' }),
  'GET /pack/activities/:id/poster': signedIn(['connector', 'coordinator', 'provider', 'admin'], { params: { id: 'activity' }, scope: 'any' }),
  'GET /pack/activities/:id/poster.pdf': signedIn(['connector', 'coordinator', 'provider', 'admin'], {
    params: { id: 'activity' },
    scope: 'any',
    ok: { status: 404 },
  }),
  // The information line (decision 032): whoever answers it.
  'GET /phone': signedIn(['connector', 'coordinator', 'provider', 'admin']),
  'GET /phone/activities/:id': signedIn(['connector', 'coordinator', 'provider', 'admin'], { params: { id: 'activity' }, scope: 'any' }),
  'POST /phone/activities/:id/send': signedIn(['connector', 'coordinator', 'provider', 'admin'], {
    params: { id: 'activity' },
    scope: 'any',
    form: { channel: 'text', phone: '07700 900999' },
  }),
  // Decision 036: a posted letter (printed once, kept nowhere) and a hand-off to a link worker with consent.
  'GET /phone/letter': signedIn(['connector', 'coordinator', 'provider', 'admin']),
  'POST /phone/letter': signedIn(['connector', 'coordinator', 'provider', 'admin'], {
    form: { name: 'Matrix Test', line1: '1 Test Street', town: 'Frome', postcode: 'BA11 1AA' },
  }),
  // Decision 039: hand a caller to a link worker (the scheme's queue), for whoever answers the line.
  'GET /phone/hand-off': signedIn(['connector', 'coordinator', 'provider', 'admin']),
  'POST /phone/hand-off': signedIn(['connector', 'coordinator', 'provider', 'admin'], {
    form: { postcode: 'NR30 1NE', preferredName: 'Matrix Test', contactPreference: 'phone', phone: '07700 900999', consent: 'yes' },
  }),
  // Emails about new activities near a place (decision 036): public; the confirm and stop links carry their token.
  'GET /new-activities-by-email': publicRoute(),
  'POST /new-activities-by-email': publicRoute({ note: 'double opt-in: only a confirmation email is sent' }),
  'GET /new-activities-by-email/check-your-email': publicRoute(),
  'GET /new-activities-by-email/confirm/:token': publicRoute({
    params: { token: 'token' },
    ok: { status: 404 },
    note: 'a link that is not a live confirmation link is a dead link',
  }),
  'POST /new-activities-by-email/confirm/:token': publicRoute({ params: { token: 'token' }, ok: { status: 404 } }),
  'GET /new-activities-by-email/:id/stop/:token': publicRoute({
    params: { id: 'activity', token: 'token' },
    ok: { status: 404 },
    note: 'only with the link from an email',
  }),
  'POST /new-activities-by-email/:id/stop/:token': publicRoute({ params: { id: 'activity', token: 'token' }, ok: { status: 404 } }),
  'GET /c/:shortCode': publicRoute({ params: { shortCode: 'shortCode' }, ok: { status: 303 } }),
  'GET /activities/:id/refer-yourself': publicRoute({ params: { id: 'activity' } }),
  'POST /activities/:id/refer-yourself': publicRoute({ params: { id: 'activity' }, note: 'self-referral: no account, rate limited' }),
  'GET /activities/:id/refer-yourself/sent': publicRoute({ params: { id: 'activity' } }),

  // Accounts.
  'GET /sign-in': publicRoute(),
  'POST /sign-in': publicRoute({ note: 'throttled per account and per address' }),
  'GET /sign-out': publicRoute({ okSignedOut: { status: 302, location: '/' } }),
  'POST /sign-out': publicRoute(),
  'GET /sign-up': publicRoute(),
  'POST /sign-up': publicRoute({ note: 'creates a provider account; rate limited' }),
  'GET /sign-up/check-your-email': publicRoute(),
  'GET /sign-in/two-factor': publicRoute({ note: 'only with a sign-in step cookie (password right); otherwise "start again"' }),
  'POST /sign-in/two-factor': publicRoute({ note: 'only with a sign-in step cookie; rate limited' }),
  'GET /sign-in/new-password': publicRoute({ note: 'only with a sign-in step cookie' }),
  'POST /sign-in/new-password': publicRoute({ note: 'only with a sign-in step cookie; rate limited' }),
  'GET /sign-in/set-up-two-factor': publicRoute({ note: 'only with a sign-in step cookie' }),
  'POST /sign-in/set-up-two-factor': publicRoute({ note: 'only with a sign-in step cookie; rate limited' }),
  'GET /forgot-password': publicRoute(),
  'POST /forgot-password': publicRoute({ note: 'the same answer for any address; rate limited' }),
  'GET /forgot-password/check-your-email': publicRoute(),
  'GET /reset-password/:token': publicRoute({ params: { token: 'token' }, ok: { status: 404 }, note: 'a link that is not a live reset link is a dead link' }),
  'POST /reset-password/:token': publicRoute({
    params: { token: 'token' },
    ok: { status: 404 },
    form: { newPassword: 'matrix matrix matrix', confirmPassword: 'matrix matrix matrix' },
  }),
  'GET /confirm-email/:token': publicRoute({
    params: { token: 'token' },
    ok: { status: 404 },
    note: 'a link that is not a live confirmation link is a dead link',
  }),

  // Your account: any signed-in person, about their own account only.
  'GET /account': signedIn(EVERYONE),
  'GET /account/password': signedIn(EVERYONE),
  'POST /account/password': signedIn(EVERYONE, {
    form: { currentPassword: 'wrong', newPassword: 'matrix matrix matrix', confirmPassword: 'matrix matrix matrix' },
  }),
  'GET /account/two-factor': signedIn(EVERYONE),
  'POST /account/two-factor': signedIn(EVERYONE, { form: { code: '000000' } }),
  'POST /account/two-factor/recovery-codes': signedIn(EVERYONE, { form: { code: '000000' } }),
  'POST /account/confirm-email': signedIn(EVERYONE),

  // Wellbeing questionnaires by one-time link (no account).
  'GET /questionnaire/done': publicRoute(),
  'GET /questionnaire/:token': publicRoute({ params: { token: 'token' }, scope: 'token' }),
  'POST /questionnaire/:token': publicRoute({ params: { token: 'token' }, scope: 'token' }),

  // Provider staff: their organisation, places, activities and sessions.
  'GET /provider': provider(),
  'GET /provider/activities': provider({ ok: { status: 302, location: '/provider' } }),
  'GET /provider/organisation/new': provider({
    ok: { status: 302, location: '/provider/organisation/edit' },
    note: 'a provider with an organisation is sent to edit it',
  }),
  'POST /provider/organisation/new': provider({ form: { name: 'Matrix Heritage', orgType: 'charity' } }),
  'GET /provider/organisation/edit': provider(),
  'POST /provider/organisation/edit': provider({ form: { name: 'Renamed by the matrix' } }),
  'POST /provider/organisation/two-factor': provider({ form: { requireTwoFactor: 'yes' } }),
  'GET /provider/places': provider(),
  'GET /provider/places/new': provider(),
  'POST /provider/places/new': provider({ form: { name: 'Matrix Hall', postcode: 'NR30 1NE', town: 'Great Yarmouth' } }),
  'GET /provider/places/:id/edit': provider({ params: { id: 'place' }, scope: 'own-organisation' }),
  'POST /provider/places/:id/edit': provider({ params: { id: 'place' }, scope: 'own-organisation', form: { name: 'Renamed by the matrix' } }),
  'GET /provider/activities/new': provider(),
  'POST /provider/activities/new': provider({ form: { title: 'Matrix activity' } }),
  'GET /provider/activities/:id': provider(ownActivity),
  'GET /provider/activities/:id/edit': provider(ownActivity),
  'POST /provider/activities/:id/edit': provider({ ...ownActivity, form: { title: 'Renamed by the matrix' } }),
  'POST /provider/activities/:id/confirm-checked': provider(ownActivity),
  'GET /provider/activities/:id/withdraw': provider(ownActivity),
  'POST /provider/activities/:id/withdraw': provider(ownActivity),
  'GET /provider/activities/:id/history': provider(ownActivity),
  'GET /provider/activities/:id/sessions/new': provider(ownActivity),
  'POST /provider/activities/:id/sessions/new': provider({
    ...ownActivity,
    form: { kind: 'one_off', date: '2026-12-01', startTime: '10:00', endTime: '11:00' },
  }),
  'GET /provider/activities/:id/sessions/:sessionId/delete': provider(ownSession),
  'POST /provider/activities/:id/sessions/:sessionId/delete': provider(ownSession),
  'GET /provider/activities/:id/sessions/:sessionId/cancel': provider(ownSession),
  'POST /provider/activities/:id/sessions/:sessionId/cancel': provider({ ...ownSession, form: { date: '2026-12-01', reason: 'Matrix' } }),
  'GET /provider/activities/:id/sessions/:sessionId/bank-holidays': provider(ownSession),
  'POST /provider/activities/:id/sessions/:sessionId/bank-holidays': provider({ ...ownSession, form: { bankHolidays: 'none' } }),
  // Calendars in (decision 037): the provider's own calendar read into an activity's sessions. Coordinators
  // do not import for a provider (decision 016: they moderate; a live listing's imported sessions wait for them).
  'GET /provider/activities/:id/calendar': provider(ownActivity),
  'POST /provider/activities/:id/calendar': provider({ ...ownActivity, form: { calendarUrl: 'https://calendar.example.org/matrix.ics' } }),
  'GET /provider/activities/:id/calendar/imports/:importId': provider({ params: { id: 'activity', importId: 'calendarImport' }, scope: 'own-organisation' }),
  'POST /provider/activities/:id/calendar/imports/:importId': provider({ params: { id: 'activity', importId: 'calendarImport' }, scope: 'own-organisation' }),

  // Provider staff: referrals to their organisation's activities, and registers.
  // Volunteer leads answer referrals to their organisation's buddy schemes (decision 033); the Yarmouth
  // activity referral is not theirs (404). Their own buddy-scheme referrals: src/web/features/buddy-visits/buddy-proposals.test.ts.
  'GET /inbox': signedIn(['provider', 'volunteer_lead'], { note: 'a volunteer lead sees only referrals to their organisation’s buddy schemes' }),
  'GET /inbox/registers': provider(),
  'GET /inbox/registers/:id': provider({ params: { id: 'activity' }, scope: 'own-organisation' }),
  'POST /inbox/registers/:id': provider({ params: { id: 'activity' }, scope: 'own-organisation' }),
  'GET /inbox/:id': signedIn(['provider', 'volunteer_lead'], { params: { id: 'referral' }, scope: 'own-organisation' }),
  'POST /inbox/:id/status': signedIn(['provider', 'volunteer_lead'], {
    params: { id: 'referral' },
    scope: 'own-organisation',
    form: { from: 'sent', to: 'accepted' },
  }),

  // Coordinators (and administrators): the directory's approval queues, each coordinator's for their scheme area.
  'GET /coordinator': signedIn(COORDINATION, { note: 'counts within the coordinator’s area' }),
  'GET /coordinator/organisations': signedIn(COORDINATION, { note: 'within the coordinator’s area' }),
  'GET /coordinator/listings': signedIn(COORDINATION, { note: 'within the coordinator’s area' }),
  'GET /coordinator/stale': signedIn(COORDINATION, { note: 'within the coordinator’s area' }),
  'GET /coordinator/organisations/:id': directoryReview('pendingOrganisation'),
  'POST /coordinator/organisations/:id': { ...directoryReview('pendingOrganisation'), form: { decision: 'approve' } },
  'POST /coordinator/organisations/:id/parent': { ...directoryReview('pendingOrganisation'), form: { parent: 'Yarmouth Heritage Trust' } },
  'GET /coordinator/listings/:id': directoryReview('pendingActivity'),
  'POST /coordinator/listings/:id': { ...directoryReview('pendingActivity'), form: { decision: 'approve' } },
  'GET /coordinator/changes/:id': directoryReview('change'),
  'POST /coordinator/changes/:id': { ...directoryReview('change'), form: { decision: 'approve' } },
  'GET /coordinator/calendar-imports/:id': directoryReview('calendarImportWaiting'),
  'POST /coordinator/calendar-imports/:id': { ...directoryReview('calendarImportWaiting'), form: { decision: 'approve' } },
  'GET /coordinator/overdue-referrals': signedIn(COORDINATION),
  // Funding opportunities (decision 047): public list and CSV; coordinators keep one list for England; providers opt in to reminders.
  'GET /funding': publicRoute(),
  'GET /funding.csv': publicRoute(),
  'GET /coordinator/funding': signedIn(COORDINATION),
  'POST /coordinator/funding': signedIn(COORDINATION, {
    form: { funder: 'Matrix', programme: 'Must not be saved', funds: 'heritage', areas: 'England', link: 'https://example.org' },
  }),
  'POST /coordinator/funding/remove': signedIn(COORDINATION, { form: { id: '00000000-0000-4000-8000-000000000001' } }),
  'POST /coordinator/funding/import': signedIn(COORDINATION, {
    form: { csv: 'Funder,Programme,What it funds,Areas,Deadline,Link\nMatrix,No,heritage,England,,https://example.org' },
  }),
  'POST /provider/funding-reminders': provider({ form: { reminders: 'on' } }),
  'GET /provider/sites': provider({ note: 'a parent body’s staff: their sites’ listings, read-only (decision 047)' }),
  // A parent body's outcome report (decision 047 addendum): the body and its sites; a site's own staff see only their site and below.
  'GET /provider/sites/outcomes': provider({ note: 'scoped by the service: the body and its sites; another site answers 404' }),
  'GET /provider/sites/outcomes.csv': provider(),
  'GET /provider/sites/outcomes/print': provider(),
  // Possible duplicates (decision 047): pairs within the coordinator's area; administrators everywhere. A pair outside the area answers 404.
  'GET /coordinator/duplicates': signedIn(COORDINATION, { note: 'pairs within the coordinator’s area' }),
  'POST /coordinator/duplicates/merge': signedIn(COORDINATION, {
    form: {
      kind: 'organisation',
      first: '00000000-0000-4000-8000-000000000001',
      second: '00000000-0000-4000-8000-000000000002',
      keep: '00000000-0000-4000-8000-000000000001',
    },
  }),
  'POST /coordinator/duplicates/not-the-same': signedIn(COORDINATION, {
    form: { kind: 'organisation', first: '00000000-0000-4000-8000-000000000001', second: '00000000-0000-4000-8000-000000000002' },
  }),

  // Coordinators of a scheme: letters to post for people in their scheme.
  'GET /coordinator/letters': signedIn(['coordinator'], { note: 'administrators do not post letters' }),
  'POST /coordinator/letters/:id/posted': signedIn(['coordinator'], { params: { id: 'letter' }, scope: 'own-scheme' }),

  // Conversation prompts: one national list kept by coordinators and administrators.
  'GET /coordinator/prompts': signedIn(COORDINATION),
  'GET /coordinator/prompts/new': signedIn(COORDINATION),
  'POST /coordinator/prompts/new': signedIn(COORDINATION, { form: promptForm }),
  'GET /coordinator/prompts/:id/edit': signedIn(COORDINATION, { params: { id: 'prompt' }, scope: 'any' }),
  'POST /coordinator/prompts/:id/edit': signedIn(COORDINATION, { params: { id: 'prompt' }, scope: 'any', form: promptForm }),
  'POST /coordinator/prompts/:id/move': signedIn(COORDINATION, { params: { id: 'prompt' }, scope: 'any', form: { direction: 'down' } }),
  'GET /coordinator/prompts/:id/delete': signedIn(COORDINATION, { params: { id: 'prompt' }, scope: 'any' }),
  'POST /coordinator/prompts/:id/delete': signedIn(COORDINATION, { params: { id: 'prompt' }, scope: 'any' }),

  // Importing directories from Open Referral UK feeds (decision 046): coordinators and administrators, for the whole directory.
  'GET /coordinator/imports': signedIn(COORDINATION),
  'POST /coordinator/imports': signedIn(COORDINATION, { form: { feedUrl: 'http://127.0.0.1:9/services' } }),
  'POST /coordinator/imports/confirm': signedIn(COORDINATION, { form: { feedUrl: 'http://127.0.0.1:9/services' } }),
  'GET /coordinator/imports/runs/:id': signedIn(COORDINATION, { params: { id: 'importRun' }, scope: 'any' }),
  'POST /coordinator/imports/sources/:id/trust': signedIn(COORDINATION, { params: { id: 'importSource' }, scope: 'any', form: { trusted: 'yes' } }),
  // Listings in a spreadsheet (decision 052): a coordinator's own area; a post without a file is the message next to the field.
  'GET /coordinator/imports/spreadsheet': signedIn(COORDINATION),
  'GET /coordinator/imports/spreadsheet/listings.csv': signedIn(COORDINATION),
  'POST /coordinator/imports/spreadsheet': signedIn(COORDINATION, {
    form: { sourceName: 'matrix' },
    ok: { status: 422 },
    note: 'importing: spreadsheet.test.ts',
  }),
  'POST /coordinator/imports/spreadsheet/confirm': signedIn(COORDINATION, {
    form: { sourceName: 'matrix' },
    ok: { status: 422 },
    note: 'importing: spreadsheet.test.ts',
  }),
  'GET /coordinator/imports/terms': signedIn(COORDINATION),
  'POST /coordinator/imports/terms': signedIn(COORDINATION, { form: { term: 'matrix', target: 'needs:loneliness' } }),
  'POST /coordinator/imports/terms/remove': signedIn(COORDINATION, { form: { term: 'matrix' } }),

  // Other words for search: one list for the whole directory, kept by coordinators and administrators.
  'GET /coordinator/search-words': signedIn(COORDINATION),
  'POST /coordinator/search-words': signedIn(COORDINATION, { form: { searchedFor: 'matrix', alsoFind: 'must not be saved' } }),
  'POST /coordinator/search-words/:id/remove': signedIn(COORDINATION, { params: { id: 'searchSynonym' }, scope: 'any' }),

  // Buddy schemes: each scheme's coordinators keep their own (administrators are refused: schemes are local).
  'GET /coordinator/buddy-schemes': signedIn(['coordinator']),
  'GET /coordinator/buddy-schemes/new': signedIn(['coordinator']),
  'POST /coordinator/buddy-schemes/new': signedIn(['coordinator'], { form: buddySchemeForm }),
  'GET /coordinator/buddy-schemes/:id/edit': signedIn(['coordinator'], ownBuddyScheme),
  'POST /coordinator/buddy-schemes/:id/edit': signedIn(['coordinator'], { ...ownBuddyScheme, form: buddySchemeForm }),
  'POST /coordinator/buddy-schemes/:id/active': signedIn(['coordinator'], { ...ownBuddyScheme, form: { active: 'no' } }),
  // Lone-working settings (decision 034): the coordinator's page, and the volunteer lead's for the buddy schemes their organisation runs.
  'GET /coordinator/buddy-schemes/:id/lone-working': signedIn(['coordinator'], ownBuddyScheme),
  'POST /coordinator/buddy-schemes/:id/lone-working': signedIn(['coordinator'], { ...ownBuddyScheme, form: loneWorkingForm }),
  'GET /volunteers/buddy-schemes/:id/lone-working': signedIn(['volunteer_lead'], { params: { id: 'leadBuddyScheme' }, scope: 'own-volunteers' }),
  'POST /volunteers/buddy-schemes/:id/lone-working': signedIn(['volunteer_lead'], {
    params: { id: 'leadBuddyScheme' },
    scope: 'own-volunteers',
    form: loneWorkingForm,
  }),

  // Link workers' caseload (coordinators of the scheme read).
  'GET /caseload': signedIn(['link_worker', 'coordinator']),
  // Decision 039: a link worker of the scheme takes a caller's request (another scheme's answers 404).
  'POST /caseload/link-worker-requests/:id/take': signedIn(['link_worker'], {
    params: { id: 'linkWorkerRequest' },
    scope: 'own-caseload',
    note: 'own-caseload here means the link workers of the scheme whose queue holds the request',
  }),
  'POST /caseload/link-worker-requests/:id/close': signedIn(['link_worker', 'coordinator'], {
    params: { id: 'linkWorkerRequest' },
    scope: { link_worker: 'own-caseload', coordinator: 'own-scheme' },
    note: 'the link workers and coordinators of the scheme whose queue holds the request',
  }),
  'GET /caseload/new': signedIn(['link_worker']),
  'POST /caseload/new': signedIn(['link_worker'], { form: participantForm }),
  'GET /caseload/:id': signedIn(['link_worker', 'coordinator'], person),
  'GET /caseload/:id/edit': signedIn(['link_worker'], personLinkWorker),
  'POST /caseload/:id/edit': signedIn(['link_worker'], { ...personLinkWorker, form: participantForm }),
  'GET /caseload/:id/consent/new': signedIn(['link_worker'], personLinkWorker),
  'POST /caseload/:id/consent/new': signedIn(['link_worker'], { ...personLinkWorker, form: { purposes: 'questionnaires', method: 'verbal' } }),
  'GET /caseload/:id/consent/:consentId/withdraw': signedIn(['link_worker'], { params: { id: 'participant', consentId: 'consent' }, scope: 'own-caseload' }),
  'POST /caseload/:id/consent/:consentId/withdraw': signedIn(['link_worker'], { params: { id: 'participant', consentId: 'consent' }, scope: 'own-caseload' }),
  'GET /caseload/:id/privacy': signedIn(['link_worker', 'coordinator', 'admin'], privacy),
  'GET /caseload/:id/privacy/export': signedIn(['link_worker', 'coordinator', 'admin'], privacy),
  'GET /caseload/:id/privacy/export.json': signedIn(['link_worker', 'coordinator', 'admin'], privacy),
  'GET /caseload/:id/privacy/erase': signedIn(['link_worker', 'coordinator', 'admin'], privacy),
  'POST /caseload/:id/privacy/erase': signedIn(['link_worker', 'coordinator', 'admin'], { ...privacy, form: { confirm: 'yes' } }),
  'GET /caseload/:id/matches': signedIn(['link_worker', 'connector', 'coordinator'], {
    params: { id: 'participant' },
    scope: { link_worker: 'own-caseload', connector: 'own-referrals', coordinator: 'own-scheme' },
  }),
  'GET /caseload/:id/refer': signedIn(['link_worker'], personLinkWorker),
  'POST /caseload/:id/refer': signedIn(['link_worker'], {
    ...personLinkWorker,
    form: { activityId: '', action: 'send', barriersChecked: 'yes', idempotencyKey: 'matrix-matrix-matrix-1' },
  }),
  'GET /caseload/:id/refer-buddy': signedIn(['link_worker'], personLinkWorker),
  'POST /caseload/:id/refer-buddy': signedIn(['link_worker'], {
    ...personLinkWorker,
    form: { buddySchemeId: '', action: 'send', idempotencyKey: 'matrix-matrix-matrix-2' },
  }),

  // Questionnaires a link worker enters with the person, or sends as a one-time link.
  'GET /caseload/questionnaires': signedIn(['link_worker']),
  'GET /caseload/questionnaires/:referralId/:timePoint': signedIn(['link_worker'], questionnaire),
  'POST /caseload/questionnaires/:referralId/:timePoint': signedIn(['link_worker'], questionnaire),
  'POST /caseload/questionnaires/:referralId/:timePoint/link': signedIn(['link_worker'], questionnaire),

  // Referrals from the referrer's side.
  'GET /referrals': signedIn(['link_worker', 'coordinator']),
  'GET /referrals/:id': signedIn(['link_worker', 'connector', 'coordinator'], referral),
  'POST /referrals/:id/status': signedIn(['link_worker', 'connector'], {
    ...referral,
    form: { from: 'sent', to: 'withdrawn', note: 'matrix' },
    note: 'coordinators read referrals but do not change them (403 from the service)',
  }),
  'GET /referrals/:id/gp-summary': signedIn(['link_worker', 'coordinator'], {
    params: { id: 'referral' },
    scope: { link_worker: 'own-caseload', coordinator: 'own-scheme' },
  }),
  // FHIR R4 (decision 051): the download for the same people as the GP summary; taking a referral another system sent.
  'GET /referrals/:id/fhir.json': signedIn(['link_worker', 'coordinator'], {
    params: { id: 'referral' },
    scope: { link_worker: 'own-caseload', coordinator: 'own-scheme' },
  }),
  'POST /referrals/received/:id/take': signedIn(['link_worker'], {
    params: { id: 'referral' },
    scope: 'own-scheme',
    note: 'link workers of the scheme; a referral not received from another system is 404 (src/api/fhir/fhir-out.test.ts)',
  }),

  // Community connectors.
  // Volunteers (issue 9): a buddy's own pages; a volunteer lead's volunteers.
  'GET /volunteering': signedIn(['buddy']),
  'GET /volunteers': signedIn(['volunteer_lead']),
  // Volunteers part A: own profile, pause and stop; the lead's volunteer pages and expressions of interest; the public form.
  'GET /volunteering/profile': signedIn(['buddy']),
  'POST /volunteering/profile': signedIn(['buddy'], { form: { knownAs: 'Matrix', contactPreference: 'email', email: 'matrix@example.org' } }),
  'GET /volunteering/pause': signedIn(['buddy']),
  'POST /volunteering/pause': signedIn(['buddy']),
  'GET /volunteering/stop': signedIn(['buddy']),
  'POST /volunteering/stop': signedIn(['buddy']),
  'POST /volunteering/resume': signedIn(['buddy']),
  'GET /volunteers/:id': signedIn(['volunteer_lead'], ownVolunteer),
  'GET /volunteers/:id/steps': signedIn(['volunteer_lead'], ownVolunteer),
  'POST /volunteers/:id/steps': signedIn(['volunteer_lead'], {
    ...ownVolunteer,
    form: { step: 'conversation', doneOnDay: '1', doneOnMonth: '11', doneOnYear: '2026' },
  }),
  'GET /volunteers/:id/checks/new': signedIn(['volunteer_lead'], ownVolunteer),
  'POST /volunteers/:id/checks/new': signedIn(['volunteer_lead'], { ...ownVolunteer, form: { doneOnDay: '1', doneOnMonth: '11', doneOnYear: '2026' } }),
  'GET /volunteers/:id/dbs-status': signedIn(['volunteer_lead'], ownVolunteer),
  'POST /volunteers/:id/dbs-status': signedIn(['volunteer_lead'], { ...ownVolunteer, form: { result: 'no_change' } }),
  'GET /volunteers/interest': signedIn(['volunteer_lead']),
  'GET /volunteers/interest/:id': signedIn(['volunteer_lead'], ownInterest),
  'POST /volunteers/interest/:id/conversation': signedIn(['volunteer_lead'], {
    ...ownInterest,
    form: { conversationOnDay: '1', conversationOnMonth: '11', conversationOnYear: '2026' },
  }),
  'POST /volunteers/interest/:id/invite': signedIn(['volunteer_lead'], { ...ownInterest, form: { email: 'matrix.invite@example.org' } }),
  'POST /volunteers/interest/:id/close': signedIn(['volunteer_lead'], ownInterest),
  // Sustainability (decision 034): the link worker sends the pre-filled volunteer form at the end of a prescription.
  'GET /referrals/:id/volunteer-form': signedIn(['link_worker'], { params: { id: 'completedReferral' }, scope: 'own-caseload' }),
  'POST /referrals/:id/volunteer-form': signedIn(['link_worker'], { params: { id: 'completedReferral' }, scope: 'own-caseload', form: { agreed: 'yes' } }),
  // A volunteer's subject access and erasure (decision 034): their volunteer lead, or an administrator.
  'GET /volunteers/:id/privacy': signedIn(['volunteer_lead', 'admin'], volunteerPrivacy),
  'GET /volunteers/:id/privacy/export.json': signedIn(['volunteer_lead', 'admin'], volunteerPrivacy),
  'POST /volunteers/:id/privacy/erase': signedIn(['volunteer_lead', 'admin'], { ...volunteerPrivacy, form: { confirm: 'yes' } }),
  // The volunteer questionnaire (decision 034): the signed-in volunteer's own, when due (else 404).
  'GET /volunteering/questionnaire/:timePoint': signedIn(['buddy'], { params: { timePoint: 'volunteerTimePoint' } }),
  'POST /volunteering/questionnaire/:timePoint': signedIn(['buddy'], {
    params: { timePoint: 'volunteerTimePoint' },
    form: { 'volunteer_training-knows_link': '4' },
  }),
  'GET /volunteer': publicRoute(),
  'POST /volunteer': publicRoute({ note: 'the public "Volunteer with us" form, rate limited like self-referral' }),
  'GET /volunteer/thank-you': publicRoute(),
  'GET /admin/volunteer-checks': signedIn(['admin']),
  'POST /admin/volunteer-checks': signedIn(['admin'], { form: { name: 'Matrix training', kind: 'training' } }),
  // Accompanied visits and lone working (issue 9 part B): Nottingham records (Alan's visit, its alert).
  'GET /volunteering/visits/:id': signedIn(['buddy'], { params: { id: 'buddyVisit' }, scope: 'own-visit' }),
  'POST /volunteering/visits/:id/check-in': signedIn(['buddy'], { params: { id: 'buddyVisit' }, scope: 'own-visit', form: { expectedMinutes: '60' } }),
  'POST /volunteering/visits/:id/extend': signedIn(['buddy'], { params: { id: 'buddyVisit' }, scope: 'own-visit', form: { extraMinutes: '30' } }),
  'POST /volunteering/visits/:id/check-out': signedIn(['buddy'], { params: { id: 'buddyVisit' }, scope: 'own-visit' }),
  'POST /volunteering/visits/:id/help': signedIn(['buddy'], { params: { id: 'buddyVisit' }, scope: 'own-visit' }),
  'POST /volunteering/visits/:id/how-it-went': signedIn(['buddy'], { params: { id: 'buddyVisit' }, scope: 'own-visit', form: { happened: 'yes' } }),
  'GET /volunteers/referrals/:id/visits/new': signedIn(['volunteer_lead', 'provider'], { params: { id: 'buddyReferral' }, scope: 'own-volunteers' }),
  'POST /volunteers/referrals/:id/visits/new': signedIn(['volunteer_lead', 'provider'], {
    params: { id: 'buddyReferral' },
    scope: 'own-volunteers',
    form: { session: 'x', meetTime: '09:30', meetingPoint: 'Gatehouse', volunteerId: 'x' },
  }),
  'POST /volunteering/visits/:id/expenses': signedIn(['buddy'], {
    params: { id: 'buddyVisit' },
    scope: 'own-visit',
    form: { miles: '5', startPostcode: 'NG7 2RD', endPostcode: 'NG1 6EL' },
  }),
  // Proposing a buddy (decision 033): the lead asks from the ranked list; only the buddy asked (Alan, for Winifred) answers.
  'GET /volunteers/referrals/:id/buddies': signedIn(['volunteer_lead', 'provider'], { params: { id: 'buddyReferral' }, scope: 'own-volunteers' }),
  'POST /volunteers/referrals/:id/buddies': signedIn(['volunteer_lead', 'provider'], {
    params: { id: 'buddyReferral' },
    scope: 'own-volunteers',
    form: { volunteerId: 'x' },
  }),
  'GET /volunteering/proposals/:id': signedIn(['buddy'], { params: { id: 'buddyProposal' }, scope: 'own-visit' }),
  'POST /volunteering/proposals/:id/accept': signedIn(['buddy'], { params: { id: 'buddyProposal' }, scope: 'own-visit' }),
  'POST /volunteering/proposals/:id/decline': signedIn(['buddy'], { params: { id: 'buddyProposal' }, scope: 'own-visit', form: { reason: 'not_free' } }),
  'GET /volunteers/expenses': signedIn(['volunteer_lead']),
  'GET /volunteers/expenses.csv': signedIn(['volunteer_lead']),
  'POST /volunteers/expenses/:id/approve': signedIn(['volunteer_lead'], { params: { id: 'visitExpense' }, scope: 'own-volunteers' }),
  'GET /volunteers/alerts': signedIn(['volunteer_lead']),
  'GET /volunteers/alerts/:id': signedIn(['volunteer_lead'], { params: { id: 'visitAlert' }, scope: 'own-volunteers' }),
  'POST /volunteers/alerts/:id/acknowledge': signedIn(['volunteer_lead'], {
    params: { id: 'visitAlert' },
    scope: 'own-volunteers',
    form: { note: 'Rang them' },
  }),
  'GET /connector': signedIn(['connector']),
  'GET /connector/refer': signedIn(['connector']),
  'POST /connector/refer': signedIn(['connector'], { form: { preferredName: 'Matrix Test', contactPreference: 'phone', phone: '07700 900999' } }),
  // Heritage Connectors' signposting (decision 029): a connector's own recent conversations; counts and
  // who is on duty for the scheme's coordinator and connectors (a connector's counts are their own).
  'GET /signposting/conversations': signedIn(['connector']),
  'GET /signposting/conversations/new': signedIn(['connector']),
  'POST /signposting/conversations/new': signedIn(['connector'], { form: signpostingForm }),
  'GET /signposting/conversations/:id': signedIn(['connector'], ownConversation),
  'POST /signposting/conversations/:id': signedIn(['connector'], { ...ownConversation, form: signpostingForm }),
  'GET /signposting/conversations/:id/delete': signedIn(['connector'], ownConversation),
  'POST /signposting/conversations/:id/delete': signedIn(['connector'], ownConversation),
  'GET /signposting/counts': signedIn(['coordinator', 'connector'], { note: 'the user’s own scheme (a connector: their own conversations)' }),
  'GET /signposting/counts.csv': signedIn(['coordinator', 'connector'], { note: 'the user’s own scheme (a connector: their own conversations)' }),
  'GET /signposting/shifts': signedIn(['coordinator', 'connector'], { note: 'the user’s own scheme' }),
  'GET /signposting/shifts/new': signedIn(['coordinator']),
  'POST /signposting/shifts/new': signedIn(['coordinator'], {
    form: { infoPoint: 'library', dateDay: '1', dateMonth: '1', dateYear: '2030', startTime: '10am', endTime: '12pm' },
  }),
  'POST /signposting/shifts/:id/take': signedIn(['connector'], { params: { id: 'connectorShift' }, scope: 'own-scheme' }),
  'POST /signposting/shifts/:id/release': signedIn(['connector'], { params: { id: 'connectorShift' }, scope: 'own-scheme' }),
  'POST /signposting/shifts/:id/delete': signedIn(['coordinator'], { params: { id: 'connectorShift' }, scope: 'own-scheme' }),
  'POST /signposting/information-points/:id/book': signedIn(['connector'], {
    params: { id: 'informationPoint' },
    scope: 'own-scheme',
    form: { startsAt: '2026-12-01T10:00:00.000Z', showFirstName: 'yes' },
    ok: { status: 422 },
    note: 'the fixture library has no times to book (the message is next to the list); booking: signposting.test.ts',
  }),

  // Administrators: accounts, audit, subject access, licensed instrument wording.
  'GET /admin': signedIn(['admin']),
  'GET /admin/privacy-request': signedIn(['admin'], {
    params: {},
    query: 'q=:participant',
    ok: { status: 303, location: '/caseload/' },
    note: 'finds a person by name or reference (audited); their whole reference opens their privacy page',
  }),
  'GET /admin/contributors/:id/privacy': signedIn(['admin'], {
    params: { id: 'contributor' },
    scope: 'any',
    note: 'a contributor found by the privacy search (decision 042)',
  }),
  'GET /admin/contributors/:id/privacy/export.json': signedIn(['admin'], { params: { id: 'contributor' }, scope: 'any' }),
  'POST /admin/contributors/:id/privacy/erase': signedIn(['admin'], {
    params: { id: 'contributor' },
    scope: 'any',
    form: { choice: 'remove', confirm: 'yes' },
  }),
  'GET /admin/audit': signedIn(['admin']),
  // API tokens for systems that send referrals (decision 051).
  'GET /admin/api-tokens': signedIn(['admin']),
  'POST /admin/api-tokens': signedIn(['admin'], { form: { organisationId: '', label: 'Matrix system' } }),
  'POST /admin/api-tokens/:id/revoke': signedIn(['admin'], { params: { id: 'user' }, scope: 'any', note: 'any token; unknown ids are 404' }),
  'GET /admin/users': signedIn(['admin']),
  'GET /admin/users/new': signedIn(['admin']),
  'POST /admin/users/new': signedIn(['admin'], {
    form: { displayName: 'Matrix', email: 'matrix@waymark.example', role: 'admin', temporaryPassword: 'matrix-matrix-2026' },
  }),
  'GET /admin/users/:id/disable': signedIn(['admin'], { params: { id: 'user' }, scope: 'any' }),
  'POST /admin/users/:id/disable': signedIn(['admin'], { params: { id: 'user' }, scope: 'any' }),
  'GET /admin/instruments': signedIn(['admin']),
  'GET /admin/instruments/:code': signedIn(['admin'], { params: { code: 'instrument' }, scope: 'any' }),
  'POST /admin/instruments/:code': signedIn(['admin'], { params: { code: 'instrument' }, scope: 'any', form: { items: 'one\ntwo' } }),

  // Outcome reports: aggregate figures, each user within their own scope.
  'GET /reports/outcomes': signedIn(['coordinator', 'commissioner', 'admin', 'provider'], {
    note: 'scoped by the service: own scheme, own organisation, or all',
  }),
  'GET /reports/outcomes.csv': signedIn(['coordinator', 'commissioner', 'admin', 'provider']),
  'GET /reports/outcomes/print': signedIn(['coordinator', 'commissioner', 'admin', 'provider']),
  // The volunteering section (decision 034): a coordinator's scheme, aggregate only.
  'GET /reports/volunteering': signedIn(['coordinator']),
  'GET /reports/volunteering.csv': signedIn(['coordinator']),
  // Provision, need and reach (issue 12, decision 044): aggregate only; a coordinator their scheme, a commissioner theirs or England, an administrator any.
  'GET /insight': signedIn(['coordinator', 'commissioner', 'admin'], {
    note: 'scoped by the service: own scheme, or any for administrators and commissioners without one',
  }),
  'GET /insight.csv': signedIn(['coordinator', 'commissioner', 'admin']),
  'GET /insight/dashboard': signedIn(['coordinator', 'commissioner', 'admin'], { note: 'scoped by each service it calls, as /insight' }),
  'GET /insight/referral-flows': signedIn(['coordinator', 'commissioner', 'admin'], { note: 'scoped by the service, as /insight' }),
  'GET /insight/area': signedIn(COORDINATION, { note: 'a coordinator their own scheme; an administrator chooses one' }),
  'POST /insight/area': signedIn(COORDINATION, { form: { localAuthorities: 'E07000145' } }),

  // Open Referral UK 3.0: open data, no session, read-only.
  'GET /api/oruk': publicRoute(),
  'OPTIONS /api/oruk': publicRoute({ ok: { status: 204 }, note: 'CORS preflight' }),
  'GET /api/oruk/': publicRoute(),
  'GET /api/oruk/services': publicRoute(),
  'GET /api/oruk/services/:id': publicRoute({ params: { id: 'activity' } }),
  'GET /api/oruk/organizations': publicRoute(),
  'GET /api/oruk/organizations/:id': publicRoute({ params: { id: 'orukOrganisation' } }),
  'GET /api/oruk/service_at_locations': publicRoute(),
  'GET /api/oruk/service_at_locations/:id': publicRoute({ params: { id: 'orukServiceAtLocation' } }),
  'GET /api/oruk/taxonomies': publicRoute(),
  'GET /api/oruk/taxonomies/:id': publicRoute({ params: { id: 'taxonomy' } }),
  'GET /api/oruk/taxonomy_terms': publicRoute(),
  'GET /api/oruk/taxonomy_terms/:id': publicRoute({ params: { id: 'taxonomyTerm' } }),
  // Open Referral UK 1.0 (decision 038): the same listings for the clients that read only 1.0.
  'GET /api/oruk/v1': publicRoute(),
  'OPTIONS /api/oruk/v1': publicRoute({ ok: { status: 204 }, note: 'CORS preflight' }),
  'GET /api/oruk/v1/': publicRoute(),
  'GET /api/oruk/v1/services': publicRoute(),
  'GET /api/oruk/v1/services/:id': publicRoute({ params: { id: 'activity' } }),
  'GET /api/oruk/v1/organizations': publicRoute(),
  'GET /api/oruk/v1/locations': publicRoute(),
  'GET /api/oruk/v1/locations/:id': publicRoute({ params: { id: 'orukLocation' } }),
  'GET /api/oruk/v1/taxonomies': publicRoute(),
  'GET /api/oruk/v1/taxonomies/:id': publicRoute({ params: { id: 'taxonomy' } }),
  'GET /api/oruk/v1/vocabularies': publicRoute(),
  'OPTIONS /api/oruk/v1/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 204 }, note: 'CORS preflight' }),
  // OpenActive and GeoJSON (decision 045): open data, no session, read-only; the dataset page describes them.
  'GET /openactive': publicRoute(),
  'GET /api/openactive/session-series': publicRoute(),
  'OPTIONS /api/openactive': publicRoute({ ok: { status: 204 }, note: 'CORS preflight' }),
  'OPTIONS /api/openactive/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 204 }, note: 'CORS preflight' }),
  'GET /api/open-data/activities.geojson': publicRoute(),
  'OPTIONS /api/open-data': publicRoute({ ok: { status: 204 }, note: 'CORS preflight' }),
  'OPTIONS /api/open-data/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 204 }, note: 'CORS preflight' }),
  'OPTIONS /api/oruk/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 204 }, note: 'CORS preflight' }),
  // FHIR R4 for referring systems (decision 051): an API token, never a session; every actor here has none (401).
  // Tokens, revoked tokens and other organisations' tokens are tried in src/api/fhir/fhir-out.test.ts and fhir-in.test.ts.
  'GET /api/fhir/metadata': publicRoute({ note: 'the CapabilityStatement, public as on every FHIR server' }),
  'POST /api/fhir/ServiceRequest': publicRoute({ ok: { status: 401 }, note: 'Authorization: Bearer wm_…; rate limited' }),
  'GET /api/fhir/ServiceRequest/:id': publicRoute({ params: { id: 'referral' }, ok: { status: 401 }, note: 'the sending organisation only' }),
  'GET /api/oruk/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 404 }, note: 'anything else is a JSON 404' }),
  'POST /api/oruk/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 404 } }),
  'PUT /api/oruk/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 404 } }),
  'PATCH /api/oruk/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 404 } }),
  'DELETE /api/oruk/*': publicRoute({ params: { '*': 'apiUnknown' }, ok: { status: 404 } }),
};
