import { createFundingRepository } from './data/repositories/funding.repository.ts';
import { createFundingService } from './services/funding.service.ts';
import type { Config } from './config.ts';
import type { Db } from './data/database.ts';
import type { Clock } from './domain/clock.ts';
import { createUserRepository } from './data/repositories/user.repository.ts';
import { createInsightRepository } from './data/repositories/insight.repository.ts';
import { createInsightService } from './services/insight.service.ts';
import { createSessionRepository } from './data/repositories/session.repository.ts';
import { createAuditRepository } from './data/repositories/audit.repository.ts';
import { createAuthService } from './services/auth.service.ts';
import { createSignInFailureRepository } from './data/repositories/sign-in-failure.repository.ts';
import { createCalendarFetcher } from './services/calendar-fetch.ts';
import { createOrukImportRepository } from './data/repositories/oruk-import.repository.ts';
import { createFeedFetcher } from './services/oruk-feed-fetch.ts';
import { createBackgroundImports } from './services/oruk-import-background.ts';
import { createOrukImportService } from './services/oruk-import.service.ts';
import { createListingsCsvService } from './services/listings-csv.service.ts';
import { createListingsCsvRepository } from './data/repositories/listings-csv.repository.ts';
import { createCalendarNotifier } from './services/calendar-notices.ts';
import { createListingServices } from './services/listing-services.ts';
import { createOpenDirectoryRepository } from './data/repositories/open-directory.repository.ts';
import { createOpenDirectoryService } from './services/open-directory.service.ts';
import { createGeographyRepository } from './data/repositories/geography.repository.ts';
import { createSchemeAreaRepository } from './data/repositories/scheme-area.repository.ts';
import { createSearchRepository } from './data/repositories/search.repository.ts';
import { createSearchSynonymRepository } from './data/repositories/search-synonym.repository.ts';
import { createPublicActivityRepository } from './data/repositories/public-activity.repository.ts';
import { createHeritageAssetRepository } from './data/repositories/heritage-asset.repository.ts';
import { createMapAreaRepository } from './data/repositories/map-area.repository.ts';
import { createResolveWhereService } from './services/resolve-where.service.ts';
import { createSearchService } from './services/search.service.ts';
import { createSearchSynonymService } from './services/search-synonym.service.ts';
import { createPublicActivityService } from './services/public-activity.service.ts';
import { createSharedShortlistRepository } from './data/repositories/shared-shortlist.repository.ts';
import { createSharedShortlistService } from './services/shared-shortlist.service.ts';
import { createMapService } from './services/map.service.ts';
import { createDoorstepService } from './services/doorstep.service.ts';
import { createReferralServices } from './services/referral-services.ts';
import { createApiTokenService } from './services/api-token.service.ts';
import { createApiTokenRepository } from './data/repositories/api-token.repository.ts';
import { createMatchingRepository } from './data/repositories/matching.repository.ts';
import { createMatchingService } from './services/matching.service.ts';
import { createParticipantRepository } from './data/repositories/participant.repository.ts';
import { createConsentRepository } from './data/repositories/consent.repository.ts';
import { createConversationPromptRepository } from './data/repositories/conversation-prompt.repository.ts';
import { createPrivacyRepository } from './data/repositories/privacy.repository.ts';
import { createUserAdminRepository } from './data/repositories/user-admin.repository.ts';
import { createParticipantService } from './services/participant.service.ts';
import { createConsentService } from './services/consent.service.ts';
import { createConversationPromptService } from './services/conversation-prompt.service.ts';
import { createPrivacyService } from './services/privacy.service.ts';
import { createSubjectAccessRepository } from './data/repositories/subject-access.repository.ts';
import { createAdminService } from './services/admin.service.ts';
import { createNotifyServices } from './services/notify-services.ts';
import { createSenders } from './services/senders/senders.ts';
import { paths } from './web/paths.ts';

import { createQuestionnaireRepository } from './data/repositories/questionnaire.repository.ts';
import { createQuestionnaireWordingRepository } from './data/repositories/questionnaire-wording.repository.ts';
import { createParentBodyRepository } from './data/repositories/parent-body.repository.ts';
import { createOutcomeRepository } from './data/repositories/outcome.repository.ts';
import { createQuestionnaireService } from './services/questionnaire.service.ts';
import { createInstrumentService } from './services/instrument.service.ts';
import { createOutcomeReportService } from './services/outcome-report.service.ts';
import { createBuddySchemeRepository } from './data/repositories/buddy-scheme.repository.ts';
import { createVolunteerRepository } from './data/repositories/volunteer.repository.ts';
import { createVolunteerService } from './services/volunteer.service.ts';
import { createCalendarService } from './services/calendar.service.ts';
import { createLinkWorkerRequestRepository } from './data/repositories/link-worker-request.repository.ts';
import { createLinkWorkerRequestService } from './services/link-worker-request.service.ts';
import { createPhoneLineService } from './services/phone-line.service.ts';
import { createSubscriptionService } from './services/subscription.service.ts';
import { createSubscriptionRepository } from './data/repositories/subscription.repository.ts';
import { createPhoneLineRepository } from './data/repositories/phone-line.repository.ts';
import { createInformationPointRepository } from './data/repositories/information-point.repository.ts';
import { createPackRepository } from './data/repositories/pack.repository.ts';
import { createInformationPointService } from './services/information-point.service.ts';
import { createPackService } from './services/pack.service.ts';
import { createNotificationRepository } from './data/repositories/notification.repository.ts';
import { createVolunteerRecruitmentRepository } from './data/repositories/volunteer-recruitment.repository.ts';
import { createVolunteerReadiness } from './services/volunteer-readiness.service.ts';
import { createVolunteerRecruitmentService } from './services/volunteer-recruitment.service.ts';
import { createSignpostingRepository } from './data/repositories/signposting.repository.ts';
import { createSignpostingService } from './services/signposting.service.ts';
import { createVolunteeringReportRepository } from './data/repositories/volunteering-report.repository.ts';
import { createVolunteeringReportService } from './services/volunteering-report.service.ts';
import { createVolunteerQuestionnaireRepository } from './data/repositories/volunteer-questionnaire.repository.ts';
import { createVolunteerQuestionnaireService } from './services/volunteer-questionnaire.service.ts';
import { createVolunteerPathwayRepository } from './data/repositories/volunteer-pathway.repository.ts';
import { createVolunteerPathwayService } from './services/volunteer-pathway.service.ts';
import { createVolunteerPrivacyRepository } from './data/repositories/volunteer-privacy.repository.ts';
import { createVolunteerPrivacyService } from './services/volunteer-privacy.service.ts';
import { createBuddySchemeService } from './services/buddy-scheme.service.ts';
import { createAccountRepository } from './data/repositories/account.repository.ts';
import { createAccountService } from './services/account.service.ts';
import { secretBox } from './domain/two-factor.ts';
import { createBuddyVisitRepository } from './data/repositories/buddy-visit.repository.ts';
import { createBuddyMatchRepository } from './data/repositories/buddy-match.repository.ts';
import { createVisitAlertRepository } from './data/repositories/visit-alert.repository.ts';
import { createBuddyVisitService } from './services/buddy-visit.service.ts';
import { createBuddyProposalService } from './services/buddy-proposal.service.ts';
import { createBuddyProposalRepository } from './data/repositories/buddy-proposal.repository.ts';
import { createMessageContextRepository } from './data/repositories/message-context.repository.ts';
import { createVisitExpenseRepository } from './data/repositories/visit-expense.repository.ts';
import { createReferralRepository } from './data/repositories/referral.repository.ts';
import { createReferralListRepository } from './data/repositories/referral-list.repository.ts';
import { createActivitySessionRepository } from './data/repositories/activity-session.repository.ts';
import { createAttendanceRepository } from './data/repositories/attendance.repository.ts';
import { createOpenActiveRepository } from './data/repositories/openactive.repository.ts';
import { createOpenActiveService } from './services/openactive.service.ts';
import { createWalkRepository } from './data/repositories/walk.repository.ts';
import { createWalkService } from './services/walk.service.ts';

import { createContributionRepository } from './data/repositories/contribution.repository.ts';
import { createContributionService } from './services/contribution.service.ts';

/** The composition root: repositories(db) → services. */
export function createServices(deps: { db: Db; config: Config; clock: Clock }) {
  const { db, clock } = deps;
  const users = createUserRepository(db);
  const sessions = createSessionRepository(db);
  const audit = createAuditRepository(db, clock);
  // Directories in from Open Referral UK feeds (decision 046); private addresses only where calendars may use them (tests).
  const orukImportRepository = createOrukImportRepository(db);
  const orukImport = createOrukImportService({
    db,
    repo: orukImportRepository,
    clock,
    fetcher: createFeedFetcher({ allowPrivate: deps.config.calendarImportAllowPrivate }),
  });
  const resolveWhere = createResolveWhereService({ geography: createGeographyRepository(db), clock });
  // Caseload: participant records, consent (`consent.has(participantId, purpose)` for other services), privacy.
  const participantRepository = createParticipantRepository(db);
  const participants = createParticipantService({ db, participants: participantRepository, geography: createGeographyRepository(db), audit, clock });
  const consent = createConsentService({ db, consents: createConsentRepository(db), participants, audit, clock });
  // Messages and deadlines around referrals (observers, outbox, hourly deadline job, reply stats, letters, GP summary).
  const link = (path: string) => new URL(path, deps.config.publicUrl).toString();
  const notify = createNotifyServices({
    db,
    audit,
    clock,
    senders: createSenders(deps.config),
    outboxDir: deps.config.outboxDir,
    links: {
      referral: (id) => link(paths.referrals.referral(id)),
      inboxItem: (id) => link(paths.inbox.referral(id)),
      search: link(paths.search),
      overdue: link(paths.coordinator.overdueReferrals),
      providerDashboard: link(paths.provider.dashboard),
      providerActivity: (id) => link(paths.provider.activity(id)),
    },
  });
  const auth = createAuthService({
    users,
    sessions,
    signInFailures: createSignInFailureRepository(db),
    clock,
    settings: { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours, secret: deps.config.sessionSecret },
  });
  const accounts = createAccountService({
    db,
    accounts: createAccountRepository(db),
    auth,
    audit,
    clock,
    notifications: notify.notifications,
    // Account emails go at once (someone is waiting for them); tests read them from the outbox table.
    deliverNow: deps.config.env === 'test' ? async () => undefined : () => notify.outbox.deliverPending(20),
    secrets: secretBox(deps.config.sessionSecret),
    links: {
      resetPassword: (token) => link(paths.resetPassword(token)),
      verifyEmail: (token) => link(paths.verifyEmail(token)),
      signIn: link(paths.signIn),
      forgotPassword: link(paths.forgotPassword),
    },
  });
  const searchSynonyms = createSearchSynonymRepository(db);
  const publicActivityRepository = createPublicActivityRepository(db);
  // Volunteers (issue 9): records, recruitment, training and checks, and what blocks each from being matched.
  const volunteerRepository = createVolunteerRepository(db);
  const buddyVisitRepository = createBuddyVisitRepository(db);
  const buddyMatchRepository = createBuddyMatchRepository(db);
  const buddyProposalRepository = createBuddyProposalRepository(db);
  const volunteerRecruitment = createVolunteerRecruitmentRepository(db);
  const volunteerReadiness = createVolunteerReadiness({ volunteers: volunteerRepository, recruitment: volunteerRecruitment, clock });
  const publicActivities = createPublicActivityService({
    activities: publicActivityRepository,
    schemeAreas: createSchemeAreaRepository(db),
    clock,
  });
  const search = createSearchService({ search: createSearchRepository(db), synonyms: searchSynonyms, where: resolveWhere, clock });
  // Accompanied visits and lone working (issue 9 part B, decision 028).
  const buddyVisits = createBuddyVisitService({
    db,
    visits: buddyVisitRepository,
    alerts: createVisitAlertRepository(db, buddyVisitRepository.find),
    matching: buddyMatchRepository,
    proposals: buddyProposalRepository,
    referrals: createReferralRepository(db),
    lists: createReferralListRepository(db),
    sessions: createActivitySessionRepository(db),
    volunteers: volunteerRepository,
    attendance: createAttendanceRepository(db),
    notifications: createNotificationRepository(db),
    audit,
    clock,
    links: { alert: (id) => link(paths.volunteers.alert(id)), visit: (id) => link(paths.volunteering.visit(id)) },
    expenses: createVisitExpenseRepository(db),
    // What blocks each buddy from being matched: status, and training or checks missing or expired (decision 027).
    checkBlocks: (ids, at) => volunteerReadiness.matchingBlockers(ids, at),
  });
  const informationPointRepository = createInformationPointRepository(db);
  // Heritage walks (issue 11, decision 043): self-guided, free, any time; shown beside search, phone line, doorstep and matching.
  const walks = createWalkService({
    db,
    walks: createWalkRepository(db),
    geography: createGeographyRepository(db),
    schemeAreas: createSchemeAreaRepository(db),
    where: resolveWhere,
    photos: createContributionRepository(db),
    audit,
    clock,
  });
  const contributions = createContributionService({
    db,
    contributions: createContributionRepository(db),
    geography: createGeographyRepository(db),
    schemeAreas: createSchemeAreaRepository(db),
    notifications: createNotificationRepository(db),
    audit,
    clock,
    emailVerified: accounts.isEmailVerified,
    links: { contribution: (id) => link(paths.contribute.item(id)), queue: link(paths.contribute.review) },
    outboxDir: deps.config.outboxDir,
  });
  return {
    walks,
    clock,
    auth,
    accounts,
    listings: createListingServices({
      db,
      audit,
      clock,
      emailVerified: accounts.isEmailVerified,
      sessionCancelled: notify.sessionCancelled,
      tellProvider: notify.providerNotices,
      fetchCalendar: createCalendarFetcher({ timeoutMs: 10_000, allowPrivate: deps.config.calendarImportAllowPrivate }),
      tellAboutCalendar: createCalendarNotifier({
        db,
        notifications: notify.notifications,
        links: {
          providerActivity: (id) => link(paths.provider.activity(id)),
          coordinatorImport: (id) => link(paths.coordinator.calendarImport(id)),
          coordinator: link(paths.coordinator.dashboard),
        },
      }),
    }),
    openDirectory: createOpenDirectoryService({ directory: createOpenDirectoryRepository(db), clock }),
    // OpenActive's RPDE feed and the GeoJSON export (issue 13, decision 045).
    openActive: createOpenActiveService({
      db,
      feed: createOpenActiveRepository(db),
      clock,
      item: { baseUrl: link(''), activityUrl: (id) => link(paths.activity(id)), vocabularyUrl: link(paths.openData.dataset) },
    }),
    resolveWhere,
    search,
    // Calendars others subscribe to: an activity, an organisation, a search (issue 10).
    calendars: createCalendarService({ publicActivities, activities: publicActivityRepository, search, clock }),
    // Information points and the Heritage Café pack (issue 10, decision 035).
    informationPoints: createInformationPointService({ db, points: informationPointRepository, audit, clock }),
    pack: createPackService({
      pack: createPackRepository(db),
      activities: publicActivityRepository,
      points: informationPointRepository,
      where: resolveWhere,
      clock,
    }),
    // The information line: read a listing aloud, send it to the caller (issue 10).
    phoneLine: createPhoneLineService({
      db,
      publicActivities,
      notifications: createNotificationRepository(db),
      sends: createPhoneLineRepository(db),
      clock,
      publicUrl: deps.config.publicUrl,
      activityPath: paths.activity,
    }),
    // A caller asks to talk to a link worker: the scheme's queue (decision 039).
    linkWorkerRequests: createLinkWorkerRequestService({
      db,
      requests: createLinkWorkerRequestRepository(db),
      participants: participantRepository,
      consents: createConsentRepository(db),
      geography: createGeographyRepository(db),
      notifications: createNotificationRepository(db),
      audit,
      clock,
      caseloadUrl: link(paths.caseload.list),
    }),
    // Emails about new activities near a place (decision 036).
    subscriptions: createSubscriptionService({
      db,
      subscriptions: createSubscriptionRepository(db),
      notifications: createNotificationRepository(db),
      audit,
      where: resolveWhere,
      clock,
      secret: deps.config.sessionSecret,
      links: {
        confirm: (token) => link(paths.subscriptions.confirm(token)),
        unsubscribe: (id, token) => link(paths.subscriptions.unsubscribe(id, token)),
        activity: (id) => link(paths.activity(id)),
        subscribe: link(paths.subscriptions.subscribe),
      },
    }),
    searchSynonyms: createSearchSynonymService({ db, synonyms: searchSynonyms, audit }),
    orukImport,
    // Feed imports started from the admin page, read by the `oruk-imports` job (decision 056).
    importsInBackground: createBackgroundImports({ repo: orukImportRepository, clock, importer: orukImport }),
    // Listings in and out as spreadsheets, through the same importer (decision 052).
    listingsCsv: createListingsCsvService({ orukImport, listings: createListingsCsvRepository(db), schemeAreas: createSchemeAreaRepository(db), audit }),
    publicActivities,
    sharedShortlists: createSharedShortlistService({ shared: createSharedShortlistRepository(db), visible: publicActivities.shortlist, clock }),
    doorstep: createDoorstepService({
      heritageAssets: createHeritageAssetRepository(db),
      where: resolveWhere,
      clock,
      communityPlaces: (area, limit) => contributions.placesNear(area, limit),
    }),
    // Community heritage: places that matter, memories and photos (issue 11, decision 042).
    contributions,
    map: createMapService({ mapAreas: createMapAreaRepository(db) }),
    // Referral pathway; the NOTIFY helper adds its observers (notifications, deadlines) to this list.
    referral: createReferralServices({ db, audit, clock, observers: notify.observers, baseUrl: deps.config.publicUrl }),
    // Systems that send referrals (FHIR, decision 051): tokens issued by administrators.
    apiTokens: createApiTokenService({ tokens: createApiTokenRepository(db), audit, clock }),
    notify,
    matching: createMatchingService({ matching: createMatchingRepository(db), audit, clock, walksNear: walks.alongside }),
    participants,
    consent,
    prompts: createConversationPromptService({ db, prompts: createConversationPromptRepository(db), audit, clock }),
    privacy: createPrivacyService({
      db,
      privacy: createPrivacyRepository(db),
      subjectAccess: createSubjectAccessRepository(db),
      participants: participantRepository,
      participantAccess: participants,
      audit,
      clock,
      anonymiseAfterDays: deps.config.anonymiseAfterDays,
      outboxDir: deps.config.outboxDir,
    }),
    admin: createAdminService({ db, accounts: createUserAdminRepository(db), audit, clock }),
    // Outcomes and evidence: questionnaires (due list, one-time links), instrument wording, reports.
    questionnaires: createQuestionnaireService({
      db,
      questionnaires: createQuestionnaireRepository(db),
      wordings: createQuestionnaireWordingRepository(db),
      audit,
      clock,
      publicUrl: deps.config.publicUrl,
    }),
    instruments: createInstrumentService({ db, wordings: createQuestionnaireWordingRepository(db), audit, clock }),
    outcomeReports: createOutcomeReportService({ outcomes: createOutcomeRepository(db), parents: createParentBodyRepository(db) }),
    // Buddy schemes: kept by coordinators, referred to by link workers (referral target 'buddy_scheme').
    buddySchemes: createBuddySchemeService({ db, buddySchemes: createBuddySchemeRepository(db), audit, clock }),
    // Volunteers (issue 9): Heritage Buddies and Heritage Connectors, and their volunteer leads.
    volunteers: createVolunteerService({
      db,
      volunteers: volunteerRepository,
      recruitment: volunteerRecruitment,
      readiness: volunteerReadiness,
      geography: createGeographyRepository(db),
      audit,
      clock,
    }),
    // Funding opportunities kept by coordinators, public, with deadline reminders (issue 12, decision 047).
    funding: createFundingService({
      db,
      funding: createFundingRepository(db),
      notifications: notify.notifications,
      audit,
      clock,
      links: { funding: link(paths.funding.list), reminders: link(paths.funding.reminders) },
    }),
    volunteerRecruitment: createVolunteerRecruitmentService({
      db,
      volunteers: volunteerRepository,
      recruitment: volunteerRecruitment,
      readiness: volunteerReadiness,
      geography: createGeographyRepository(db),
      accounts,
      notifications: notify.notifications,
      audit,
      clock,
      links: { signIn: link(paths.signIn), volunteering: link(paths.volunteering.home), volunteer: (id) => link(paths.volunteers.volunteer(id)) },
    }),
    // Heritage Connectors' signposting log, counts and shifts (issue 9, decision 029).
    signposting: createSignpostingService({ db, signposting: createSignpostingRepository(db), points: informationPointRepository, audit, clock }),
    // Provision, need and reach (issue 12, decision 044).
    insight: createInsightService({ insight: createInsightRepository(db), clock }),
    // The volunteering section of a coordinator's reports (issue 9, decision 034).
    volunteeringReport: createVolunteeringReportService({
      report: createVolunteeringReportRepository(db),
      pathways: createVolunteerPathwayRepository(db),
      questionnaires: createVolunteerQuestionnaireRepository(db),
      clock,
    }),
    volunteerPrivacy: createVolunteerPrivacyService({
      db,
      volunteers: volunteerRepository,
      privacy: createVolunteerPrivacyRepository(db),
      audit,
      clock,
      outboxDir: deps.config.outboxDir,
    }),
    volunteerPathways: createVolunteerPathwayService({
      db,
      pathways: createVolunteerPathwayRepository(db),
      audit,
      clock,
      secret: deps.config.sessionSecret,
      publicUrl: deps.config.publicUrl,
    }),
    volunteerQuestionnaire: createVolunteerQuestionnaireService({
      db,
      volunteers: volunteerRepository,
      questionnaires: createVolunteerQuestionnaireRepository(db),
      audit,
      clock,
    }),
    // Accompanied visits and lone working (issue 9 part B, decision 028).
    buddyVisits,
    // Proposing a buddy; the buddy accepts or declines (issue 9, decision 033).
    buddyProposals: createBuddyProposalService({
      db,
      proposals: buddyProposalRepository,
      visits: buddyVisitRepository,
      referrals: createReferralRepository(db),
      volunteers: volunteerRepository,
      notifications: notify.notifications,
      context: createMessageContextRepository(db),
      audit,
      clock,
      match: (user, referralId) => buddyVisits.matchBuddies(user, referralId),
      links: {
        referral: (id) => link(paths.referrals.referral(id)),
        propose: (id) => link(paths.volunteers.proposeBuddy(id)),
        proposal: (id) => link(paths.volunteering.proposal(id)),
      },
    }),
    async health() {
      await db.query('select 1');
    },
  };
}

export type Services = ReturnType<typeof createServices>;
