import { createParentBodyRepository } from '../data/repositories/parent-body.repository.ts';
import { createParentBodyService } from './parent-body.service.ts';
import { createDuplicateRepository } from '../data/repositories/duplicate.repository.ts';
import { createDuplicateService } from './duplicate.service.ts';
import { createAccountRepository } from '../data/repositories/account.repository.ts';
import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import { createActivityRepository } from '../data/repositories/activity.repository.ts';
import { createActivitySessionRepository } from '../data/repositories/activity-session.repository.ts';
import { createListingChangeRepository } from '../data/repositories/listing-change.repository.ts';
import { createOrganisationRepository } from '../data/repositories/organisation.repository.ts';
import { createPlaceRepository } from '../data/repositories/place.repository.ts';
import { createSchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { createCalendarImportRepository } from '../data/repositories/calendar-import.repository.ts';
import { createCalendarImportService } from './calendar-import.service.ts';
import { createCalendarFetcher, type CalendarFetcher } from './calendar-fetch.ts';
import type { CalendarNotifier } from './calendar-notices.ts';
import { createFreshnessService } from './freshness.service.ts';
import { createListingReviewService } from './listing-review.service.ts';
import { createListingService } from './listing.service.ts';
import { createOrganisationService } from './organisation.service.ts';
import { createPlaceService } from './place.service.ts';
import { createSessionScheduleService } from './session-schedule.service.ts';
import type { ListingDeps } from './listing-access.ts';
import type { SessionCancelledNotifier } from './session-cancelled.notifier.ts';
import type { ProviderNotifier } from './provider-notices.ts';

/** The provider and coordinator side of the directory, wired from one database. */
/** `emailVerified`: whether an account's email address is confirmed (organisations wait for it). */
export function createListingServices({
  db,
  audit,
  clock,
  emailVerified,
  sessionCancelled,
  tellProvider,
  fetchCalendar,
  tellAboutCalendar,
}: {
  db: Db;
  audit: AuditRepository;
  clock: Clock;
  emailVerified?: (userId: string) => Promise<boolean>;
  sessionCancelled?: SessionCancelledNotifier;
  tellProvider?: ProviderNotifier;
  /** Reads providers' calendar addresses (decision 037); by default public addresses only, 10 seconds. */
  fetchCalendar?: CalendarFetcher;
  tellAboutCalendar?: CalendarNotifier;
}) {
  const accounts = createAccountRepository(db);
  const deps: ListingDeps = {
    db,
    audit,
    clock,
    organisations: createOrganisationRepository(db),
    places: createPlaceRepository(db),
    activities: createActivityRepository(db),
    changes: createListingChangeRepository(db),
    sessions: createActivitySessionRepository(db),
    schemeAreas: createSchemeAreaRepository(db),
    sessionCancelled,
    tellProvider,
  };
  const organisations = createOrganisationService(deps, emailVerified ?? (async (id) => (await accounts.byId(id))?.emailVerified ?? false));
  return {
    organisations,
    parentBodies: createParentBodyService({ ...deps, parents: createParentBodyRepository(db), organisations }),
    places: createPlaceService(deps),
    activities: createListingService(deps),
    review: createListingReviewService(deps),
    duplicates: createDuplicateService({ ...deps, duplicates: createDuplicateRepository(db) }),
    sessions: createSessionScheduleService(deps),
    freshness: createFreshnessService(deps),
    calendarImports: createCalendarImportService({
      ...deps,
      imports: createCalendarImportRepository(db),
      fetchCalendar: fetchCalendar ?? createCalendarFetcher({ timeoutMs: 10_000, allowPrivate: false }),
      tellAboutCalendar,
    }),
  };
}

export type ListingServices = ReturnType<typeof createListingServices>;
