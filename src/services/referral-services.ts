import type { Db } from '../data/database.ts';
import { createActivitySessionRepository } from '../data/repositories/activity-session.repository.ts';
import { createAttendanceRepository } from '../data/repositories/attendance.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import { createBuddySchemeRepository } from '../data/repositories/buddy-scheme.repository.ts';
import { createReferralListRepository } from '../data/repositories/referral-list.repository.ts';
import { createReferralPersonRepository } from '../data/repositories/referral-person.repository.ts';
import { createReferralRepository } from '../data/repositories/referral.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { createReferralCommunityService } from './referral-community.service.ts';
import { createReferralInboxService } from './referral-inbox.service.ts';
import type { ReferralDeps } from './referral-lifecycle.service.ts';
import type { ReferralObserver } from './referral-observers.ts';
import { createReferralService } from './referral.service.ts';
import { createFhirRepository } from '../data/repositories/fhir.repository.ts';
import { createFhirService } from './fhir.service.ts';

/** The referral pathway, wired from one database. Observers (notifications, deadlines) run inside every change's transaction. */
export function createReferralServices({
  db,
  audit,
  clock,
  observers = [],
  baseUrl = '',
}: {
  db: Db;
  audit: AuditRepository;
  clock: Clock;
  observers?: readonly ReferralObserver[];
  /** Waymark's public address: FHIR identifiers are made under it (decision 051). */
  baseUrl?: string;
}) {
  const deps: ReferralDeps = {
    db,
    audit,
    clock,
    observers,
    referrals: createReferralRepository(db),
    lists: createReferralListRepository(db),
    people: createReferralPersonRepository(db),
    attendance: createAttendanceRepository(db),
    sessions: createActivitySessionRepository(db),
    buddySchemes: createBuddySchemeRepository(db),
  };
  return {
    referrals: createReferralService(deps),
    inbox: createReferralInboxService(deps),
    community: createReferralCommunityService(deps),
    fhir: createFhirService({ ...deps, fhir: createFhirRepository(db), baseUrl }),
  };
}

export type ReferralServices = ReturnType<typeof createReferralServices>;
