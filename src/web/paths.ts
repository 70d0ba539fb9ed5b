/** Every URL in Waymark, declared once. Templates receive these through `paths`. */
/** A path segment; a route pattern such as ':id' passes through so routes can be registered from these helpers. */
const seg = (value: string) => (value.startsWith(':') ? value : encodeURIComponent(value));
const id =
  (prefix: string, suffix = '') =>
  (value: string) =>
    `${prefix}/${seg(value)}${suffix}`;

export const paths = {
  home: '/',
  health: '/health',
  accessibility: '/accessibility',
  privacy: '/privacy',

  // Public directory
  search: '/activities',
  activity: id('/activities'),
  activityPrint: id('/activities', '/print'),
  shortlist: '/shortlist',
  shortlistAdd: '/shortlist/add',
  shortlistRemove: '/shortlist/remove',
  shortlistClear: '/shortlist/clear',
  shortlistShare: '/shortlist/share',
  sharedShortlist: id('/s'),
  sharedShortlistAdd: id('/s', '/add'),
  /** "Have a code from a leaflet?": a listing's short code, typed (`?code=`) or in a link (decision 030). */
  findByCode: '/c',
  shortCode: id('/c'),
  /** The information line's screen (decision 032). */
  phoneLine: {
    home: '/phone',
    listing: id('/phone/activities'),
    send: id('/phone/activities', '/send'),
    /** A posted letter with the call's listings: the form, and (posted) the printable letter, kept nowhere. */
    letter: '/phone/letter',
    /** A hand-off to a link worker with the caller's consent (decision 036). */
    handOff: '/phone/hand-off',
  },
  /** Emails about new activities near a place (decision 036): double opt-in, one-click unsubscribe. */
  subscriptions: {
    subscribe: '/new-activities-by-email',
    checkEmail: '/new-activities-by-email/check-your-email',
    confirm: id('/new-activities-by-email/confirm'),
    unsubscribe: (subscriptionId: string, token: string) => `/new-activities-by-email/${subscriptionId}/stop/${token}`,
  },
  /** iCalendar feeds to subscribe to (decision 031): open data, like the API. */
  calendars: {
    activity: id('/calendars/activities', '/sessions.ics'),
    organisation: id('/calendars/organisations', '/sessions.ics'),
    search: '/calendars/search.ics',
    informationPoint: id('/calendars/information-points', '/sessions.ics'),
  },
  /** Funding opportunities (decision 047): public list and CSV; coordinators keep it; providers opt in to deadline reminders. */
  funding: {
    list: '/funding',
    csv: '/funding.csv',
    manage: '/coordinator/funding',
    remove: '/coordinator/funding/remove',
    import: '/coordinator/funding/import',
    reminders: '/provider/funding-reminders',
  },
  /** Information points: the Heritage Café, the phone line, libraries (decision 035). */
  talkToSomeone: '/talk-to-someone',
  /** The Heritage Café pack: next month's printable listing and posters (decision 035). */
  pack: {
    builder: '/pack',
    print: '/pack/print',
    pdf: '/pack/print.pdf',
    poster: id('/pack/activities', '/poster'),
    posterPdf: id('/pack/activities', '/poster.pdf'),
  },
  /** A scheme's information points, kept by its coordinators (decision 035). */
  informationPoints: {
    list: '/coordinator/information-points',
    edit: id('/coordinator/information-points', '/edit'),
    retire: id('/coordinator/information-points', '/retire'),
  },

  doorstep: '/heritage-nearby',
  /** Heritage walks (decision 043): public pages, the route card, GPX, open data; authoring by providers and coordinators. */
  walks: {
    list: '/walks',
    walk: id('/walks'),
    routeCard: id('/walks', '/route-card'),
    routeCardPdf: id('/walks', '/route-card.pdf'),
    gpx: id('/walks', '/route.gpx'),
    openData: '/walks.geojson',
    mine: '/manage-walks',
    new: '/manage-walks/new',
    edit: id('/manage-walks'),
    details: id('/manage-walks', '/details'),
    stopNew: id('/manage-walks', '/stops/new'),
    stopEdit: (walkId: string, stopId: string) => `/manage-walks/${seg(walkId)}/stops/${seg(stopId)}`,
    stopMove: (walkId: string, stopId: string) => `/manage-walks/${seg(walkId)}/stops/${seg(stopId)}/move`,
    stopDelete: (walkId: string, stopId: string) => `/manage-walks/${seg(walkId)}/stops/${seg(stopId)}/delete`,
    publish: id('/manage-walks', '/publish'),
    unpublish: id('/manage-walks', '/unpublish'),
    /** A memory about one stop, from the public walk page (decision 048). */
    stopMemoryNew: (walkId: string, stopId: string) => `/walks/${seg(walkId)}/stops/${seg(stopId)}/memories/new`,
  },
  /** Community heritage (issue 11, decision 042): places that matter, memories, photos; moderation and open data. */
  contribute: {
    start: '/contribute',
    signUp: '/contribute/sign-up',
    newPlace: '/contribute/places/new',
    yours: '/contribute/yours',
    yourData: '/contribute/your-data',
    yourDataJson: '/contribute/your-data.json',
    yourDataErase: '/contribute/your-data/erase',
    item: id('/contribute/yours'),
    edit: id('/contribute/yours', '/edit'),
    send: id('/contribute/yours', '/send'),
    takeDown: id('/contribute/yours', '/take-down'),
    /** A memory's one recording, with its transcript (decision 048). */
    recording: id('/contribute/yours', '/recording'),
    recordingRemove: id('/contribute/yours', '/recording/remove'),
    review: '/contributions/review',
    reviewItem: id('/contributions/review'),
    report: id('/contributions', '/report'),
    openDataGeojson: '/open-data/community-heritage.geojson',
    openDataCsv: '/open-data/community-heritage.csv',
  },
  /** A place page: a contributed place (its id) or a designated one (`nhle-<list entry number>`). */
  place: id('/places'),
  placeMemoryNew: id('/places', '/memories/new'),
  activityMemoryNew: id('/activities', '/memories/new'),
  /** A served copy of a contributed photo (never the upload): `small.jpg`, `large.webp`… */
  photo: (photoId: string, copy: string) => `/photos/${seg(photoId)}/${seg(copy)}`,
  /** A memory's recording as cleaned (never the upload), by Waymark's id. */
  recording: id('/recordings'),
  /** Local authority outlines the map draws when no tile server is configured (decision 021). */
  mapAreas: '/map/areas.json',
  /** Leaflet and Leaflet.markercluster, served from node_modules (no CDN: the CSP allows only 'self'). */
  leaflet: '/vendor/leaflet/',

  // Accounts
  signIn: '/sign-in',
  signOut: '/sign-out',
  signUp: '/sign-up',
  signUpSent: '/sign-up/check-your-email',
  signInCode: '/sign-in/two-factor',
  signInNewPassword: '/sign-in/new-password',
  signInSetUpTwoFactor: '/sign-in/set-up-two-factor',
  forgotPassword: '/forgot-password',
  forgotPasswordSent: '/forgot-password/check-your-email',
  resetPassword: id('/reset-password'),
  verifyEmail: id('/confirm-email'),
  account: {
    home: '/account',
    password: '/account/password',
    twoFactor: '/account/two-factor',
    recoveryCodes: '/account/two-factor/recovery-codes',
    confirmEmailAgain: '/account/confirm-email',
  },

  // Provider staff
  provider: {
    dashboard: '/provider',
    organisationNew: '/provider/organisation/new',
    organisationEdit: '/provider/organisation/edit',
    organisationTwoFactor: '/provider/organisation/two-factor',
    /** A parent body's sites and their listings, read-only (decision 047). */
    sites: '/provider/sites',
    /** The body's outcome report: all its sites together or one site (decision 047 addendum). */
    sitesOutcomes: '/provider/sites/outcomes',
    sitesOutcomesCsv: '/provider/sites/outcomes.csv',
    sitesOutcomesPrint: '/provider/sites/outcomes/print',
    places: '/provider/places',
    placeNew: '/provider/places/new',
    placeEdit: id('/provider/places', '/edit'),
    activities: '/provider/activities',
    activityNew: '/provider/activities/new',
    activity: id('/provider/activities'),
    activityEdit: id('/provider/activities', '/edit'),
    activityConfirm: id('/provider/activities', '/confirm-checked'),
    activityWithdraw: id('/provider/activities', '/withdraw'),
    activityHistory: id('/provider/activities', '/history'),
    sessionNew: id('/provider/activities', '/sessions/new'),
    sessionDelete: (activityId: string, sessionId: string) => `/provider/activities/${seg(activityId)}/sessions/${seg(sessionId)}/delete`,
    sessionCancel: (activityId: string, sessionId: string) => `/provider/activities/${seg(activityId)}/sessions/${seg(sessionId)}/cancel`,
    sessionBankHolidays: (activityId: string, sessionId: string) => `/provider/activities/${seg(activityId)}/sessions/${seg(sessionId)}/bank-holidays`,
    // Calendars in (decision 037): read the provider's own calendar, preview, confirm.
    activityCalendar: id('/provider/activities', '/calendar'),
    activityCalendarImport: (activityId: string, importId: string) => `/provider/activities/${seg(activityId)}/calendar/imports/${seg(importId)}`,
  },

  // Coordinators
  coordinator: {
    dashboard: '/coordinator',
    organisations: '/coordinator/organisations',
    organisation: id('/coordinator/organisations'),
    /** Which larger body an organisation belongs to (decision 047). */
    organisationParent: id('/coordinator/organisations', '/parent'),
    listings: '/coordinator/listings',
    listing: id('/coordinator/listings'),
    change: id('/coordinator/changes'),
    calendarImport: id('/coordinator/calendar-imports'),
    stale: '/coordinator/stale',
    /** Likely duplicate organisations, places and activities in the coordinator's area (decision 047). */
    duplicates: '/coordinator/duplicates',
    duplicatesMerge: '/coordinator/duplicates/merge',
    duplicatesNotTheSame: '/coordinator/duplicates/not-the-same',
    overdueReferrals: '/coordinator/overdue-referrals',
    letters: '/coordinator/letters',
    letterPosted: id('/coordinator/letters', '/posted'),
  },

  // Referral pathway: link workers' caseload (participants, consent, matching, referrals)
  caseload: {
    list: '/caseload',
    participantNew: '/caseload/new',
    participant: id('/caseload'),
    participantEdit: id('/caseload', '/edit'),
    consentNew: id('/caseload', '/consent/new'),
    consentWithdraw: (participantId: string, consentId: string) => `/caseload/${seg(participantId)}/consent/${seg(consentId)}/withdraw`,
    participantPrivacy: id('/caseload', '/privacy'),
    participantExport: id('/caseload', '/privacy/export'),
    participantExportJson: id('/caseload', '/privacy/export.json'),
    participantErase: id('/caseload', '/privacy/erase'),
    matches: id('/caseload', '/matches'),
    refer: id('/caseload', '/refer'),
    referBuddy: id('/caseload', '/refer-buddy'),
    questionnaires: '/caseload/questionnaires',
    /** A link worker takes a caller's request to talk to a link worker (decision 039). */
    takeRequest: id('/caseload/link-worker-requests', '/take'),
    /** … or closes it without taking (the caller no longer wants a call, or asked to be forgotten). */
    closeRequest: id('/caseload/link-worker-requests', '/close'),
    questionnaire: (referralId: string, timePoint: string) => `/caseload/questionnaires/${seg(referralId)}/${seg(timePoint)}`,
    questionnaireLink: (referralId: string, timePoint: string) => `/caseload/questionnaires/${seg(referralId)}/${seg(timePoint)}/link`,
  },

  // Wellbeing questionnaires filled in by a participant through a one-time link (no account)
  questionnaire: {
    form: id('/questionnaire'),
    done: '/questionnaire/done',
  },

  // Outcome reports: aggregate figures only (coordinators, commissioners, administrators, providers for their own)
  reports: {
    outcomes: '/reports/outcomes',
    outcomesCsv: '/reports/outcomes.csv',
    outcomesPrint: '/reports/outcomes/print',
    /** The volunteering section (decision 034): coordinators, for their scheme. */
    volunteering: '/reports/volunteering',
    volunteeringCsv: '/reports/volunteering.csv',
  },

  // Provision, need and reach (issue 12, decision 044): coordinators, commissioners, administrators; aggregate only
  insight: {
    home: '/insight',
    csv: '/insight.csv',
    /** A scheme's area as local authorities: coordinators (their scheme) and administrators. */
    area: '/insight/area',
    /** Referral flows (decision 044 addendum): referring organisation to provider. */
    flows: '/insight/referral-flows',
    /** The commissioner dashboard (decision 044 addendum): one page of aggregate figures, each linking to its report. */
    dashboard: '/insight/dashboard',
  },

  // Referrals seen from the referrer's side (link workers, connectors, coordinators)
  referrals: {
    list: '/referrals',
    referral: id('/referrals'),
    status: id('/referrals', '/status'),
    gpSummary: id('/referrals', '/gp-summary'),
    /** The referral as FHIR R4 JSON, for the referrer's side (decision 051). */
    fhir: id('/referrals', '/fhir.json'),
    /** A link worker takes a referral another system sent (decision 051). */
    takeReceived: id('/referrals/received', '/take'),
    /** Sustainability (decision 034): send the pre-filled volunteer form at the end of a prescription. */
    volunteerForm: id('/referrals', '/volunteer-form'),
  },

  // Self-referral from a public activity page
  selfReferral: {
    form: id('/activities', '/refer-yourself'),
    sent: id('/activities', '/refer-yourself/sent'),
  },

  // Provider inbox of referrals to their organisation's activities
  inbox: {
    list: '/inbox',
    referral: id('/inbox'),
    status: id('/inbox', '/status'),
    registers: '/inbox/registers',
    register: id('/inbox/registers'),
  },

  // Community connectors
  connector: {
    home: '/connector',
    refer: '/connector/refer',
  },
  /** A volunteer's own pages (buddies; connectors' volunteering too). */
  volunteering: {
    home: '/volunteering',
    /** The volunteer questionnaire at a time point: training, three_months (decision 034). */
    questionnaire: id('/volunteering/questionnaire'),
    profile: '/volunteering/profile',
    pause: '/volunteering/pause',
    stop: '/volunteering/stop',
    resume: '/volunteering/resume',
    visit: id('/volunteering/visits'),
    checkIn: id('/volunteering/visits', '/check-in'),
    extend: id('/volunteering/visits', '/extend'),
    checkOut: id('/volunteering/visits', '/check-out'),
    help: id('/volunteering/visits', '/help'),
    afterVisit: id('/volunteering/visits', '/how-it-went'),
    expenses: id('/volunteering/visits', '/expenses'),
    /** A proposal to go with someone (decision 033): the buddy accepts or declines. */
    proposal: id('/volunteering/proposals'),
    acceptProposal: id('/volunteering/proposals', '/accept'),
    declineProposal: id('/volunteering/proposals', '/decline'),
  },
  /** A volunteer lead's pages: the volunteers of their organisations. */
  volunteers: {
    list: '/volunteers',
    alerts: '/volunteers/alerts',
    alert: id('/volunteers/alerts'),
    acknowledge: id('/volunteers/alerts', '/acknowledge'),
    planVisit: id('/volunteers/referrals', '/visits/new'),
    /** Propose a buddy for a buddy-scheme referral, from the ranked list (decision 033). */
    proposeBuddy: id('/volunteers/referrals', '/buddies'),
    expenses: '/volunteers/expenses',
    expensesCsv: '/volunteers/expenses.csv',
    approveExpense: id('/volunteers/expenses', '/approve'),
    volunteer: id('/volunteers'),
    steps: id('/volunteers', '/steps'),
    checkNew: id('/volunteers', '/checks/new'),
    dbsStatus: id('/volunteers', '/dbs-status'),
    /** A volunteer's subject access and erasure (decision 034): their lead or an administrator. */
    privacy: id('/volunteers', '/privacy'),
    privacyExport: id('/volunteers', '/privacy/export.json'),
    privacyErase: id('/volunteers', '/privacy/erase'),
    /** Expressions of interest from the public "Volunteer with us" form. */
    interests: '/volunteers/interest',
    interest: id('/volunteers/interest'),
    interestConversation: id('/volunteers/interest', '/conversation'),
    interestInvite: id('/volunteers/interest', '/invite'),
    interestClose: id('/volunteers/interest', '/close'),
  },
  /** The public "Volunteer with us" form: no account needed. */
  volunteerWithUs: {
    form: '/volunteer',
    sent: '/volunteer/thank-you',
  },

  // Conversation prompts for talking about heritage, kept by coordinators
  prompts: {
    list: '/coordinator/prompts',
    new: '/coordinator/prompts/new',
    edit: id('/coordinator/prompts', '/edit'),
    move: id('/coordinator/prompts', '/move'),
    delete: id('/coordinator/prompts', '/delete'),
  },

  // Directories imported from Open Referral UK feeds (decision 046), by coordinators and administrators
  imports: {
    list: '/coordinator/imports',
    confirm: '/coordinator/imports/confirm',
    spreadsheet: '/coordinator/imports/spreadsheet',
    spreadsheetConfirm: '/coordinator/imports/spreadsheet/confirm',
    spreadsheetExport: '/coordinator/imports/spreadsheet/listings.csv',
    run: id('/coordinator/imports/runs'),
    terms: '/coordinator/imports/terms',
    removeTerm: '/coordinator/imports/terms/remove',
    trust: id('/coordinator/imports/sources', '/trust'),
  },

  // Other words for search (synonyms), one list for the whole directory, kept by coordinators
  searchSynonyms: {
    list: '/coordinator/search-words',
    remove: id('/coordinator/search-words', '/remove'),
  },

  // Buddy schemes (volunteers who go with a person to an activity), kept by a scheme's coordinators
  buddySchemes: {
    list: '/coordinator/buddy-schemes',
    new: '/coordinator/buddy-schemes/new',
    edit: id('/coordinator/buddy-schemes', '/edit'),
    active: id('/coordinator/buddy-schemes', '/active'),
    /** Lone-working settings (decision 028): the coordinator's page and the volunteer lead's. */
    loneWorking: id('/coordinator/buddy-schemes', '/lone-working'),
    leadLoneWorking: id('/volunteers/buddy-schemes', '/lone-working'),
  },

  // Heritage Connectors' signposting (decision 029): a connector's anonymous log, counts, shifts at the information points
  signposting: {
    log: '/signposting/conversations',
    record: '/signposting/conversations/new',
    conversation: id('/signposting/conversations'),
    remove: id('/signposting/conversations', '/delete'),
    counts: '/signposting/counts',
    countsCsv: '/signposting/counts.csv',
    duty: '/signposting/shifts',
    newShift: '/signposting/shifts/new',
    takeShift: id('/signposting/shifts', '/take'),
    releaseShift: id('/signposting/shifts', '/release'),
    removeShift: id('/signposting/shifts', '/delete'),
    /** A connector books one of an information point's times ("I'll be there", decision 041). */
    bookAtPoint: id('/signposting/information-points', '/book'),
  },

  // Administrators
  admin: {
    home: '/admin',
    instruments: '/admin/instruments',
    instrument: id('/admin/instruments'),
    audit: '/admin/audit',
    users: '/admin/users',
    userNew: '/admin/users/new',
    userDisable: id('/admin/users', '/disable'),
    privacyRequest: '/admin/privacy-request',
    /** A contributor's subject access and erasure, found by the privacy search (decision 042). */
    contributorPrivacy: id('/admin/contributors', '/privacy'),
    contributorExport: id('/admin/contributors', '/privacy/export.json'),
    contributorErase: id('/admin/contributors', '/privacy/erase'),
    volunteerChecks: '/admin/volunteer-checks',
    /** Tokens for systems that send referrals as FHIR (decision 051). */
    apiTokens: '/admin/api-tokens',
    apiTokenRevoke: id('/admin/api-tokens', '/revoke'),
  },

  /** FHIR R4: systems that send referrals, with an API token (decision 051). */
  fhirApi: {
    root: '/api/fhir',
    /** The CapabilityStatement: public, as on every FHIR server. */
    metadata: '/api/fhir/metadata',
    serviceRequests: '/api/fhir/ServiceRequest',
    serviceRequest: id('/api/fhir/ServiceRequest'),
  },

  /** Open data beyond Open Referral (decision 045): the OpenActive dataset page, RPDE feed and GeoJSON export. */
  openData: {
    dataset: '/openactive',
    sessionSeries: '/api/openactive/session-series',
    openActiveRoot: '/api/openactive',
    root: '/api/open-data',
    activitiesGeojson: '/api/open-data/activities.geojson',
  },

  // Open Referral UK 3.0
  api: {
    orukRoot: '/api/oruk',
    orukServices: '/api/oruk/services',
    orukService: id('/api/oruk/services'),
    orukOrganisations: '/api/oruk/organizations',
    orukOrganisation: id('/api/oruk/organizations'),
    orukServiceAtLocations: '/api/oruk/service_at_locations',
    orukServiceAtLocation: id('/api/oruk/service_at_locations'),
    orukTaxonomies: '/api/oruk/taxonomies',
    orukTaxonomy: id('/api/oruk/taxonomies'),
    orukTaxonomyTerms: '/api/oruk/taxonomy_terms',
    orukTaxonomyTerm: id('/api/oruk/taxonomy_terms'),
    /** Open Referral UK 1.0, for the clients that read only 1.0 (decision 038). */
    orukV1: {
      root: '/api/oruk/v1',
      services: '/api/oruk/v1/services',
      organizations: '/api/oruk/v1/organizations',
      service: id('/api/oruk/v1/services'),
      locations: '/api/oruk/v1/locations',
      location: id('/api/oruk/v1/locations'),
      taxonomies: '/api/oruk/v1/taxonomies',
      taxonomy: id('/api/oruk/v1/taxonomies'),
      vocabularies: '/api/oruk/v1/vocabularies',
    },
  },
} as const;

export type Paths = typeof paths;

/** Where each role lands after signing in, and the header's "Your dashboard" link. */
export function homeFor(role: string): string {
  switch (role) {
    case 'provider':
      return paths.provider.dashboard;
    case 'link_worker':
      return paths.caseload.list;
    case 'connector':
      return paths.connector.home;
    case 'commissioner':
      return paths.insight.dashboard;
    case 'buddy':
      return paths.volunteering.home;
    case 'volunteer_lead':
      return paths.volunteers.list;
    case 'contributor':
      return paths.contribute.yours;
    case 'admin':
      return paths.admin.home;
    default:
      return paths.coordinator.dashboard;
  }
}
