import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from './data/database.ts';
import { refreshPassedSessions } from './data/repositories/activity-index.repository.ts';
import { createJobRunRepository } from './data/repositories/job-run.repository.ts';
import type { Clock } from './domain/clock.ts';
import { serviceAtLocationIdOf } from './api/oruk/service.serialiser.ts';
import type { Services } from './services.ts';
import { createJobRunner, type Job, type JobRunnerOptions } from './services/job-runner.service.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** Waymark's background jobs; their names are their keys in `job_runs` (docs/architecture.md lists them). */
export function backgroundJobs(services: Services, db: Db): Job[] {
  return [
    { name: 'refresh-next-sessions', everyMs: HOUR, run: (now) => refreshPassedSessions(db, now) },
    { name: 'referral-response-deadlines', everyMs: HOUR, run: (now) => services.notify.deadlines.processResponseDeadlines(now) },
    { name: 'deliver-notifications', everyMs: 30 * 1000, run: () => services.notify.outbox.deliverPending(50) },
    { name: 'anonymise-closed-referrals', everyMs: HOUR, run: (now) => services.privacy.anonymiseClosedReferrals(now) },
    { name: 'listing-freshness-prompts', everyMs: HOUR, run: () => services.listings.freshness.promptDue() },
    { name: 'purge-ended-sessions', everyMs: 5 * MINUTE, run: () => services.auth.purgeExpired() },
    { name: 'volunteer-expiry-reminders', everyMs: HOUR, run: (now) => services.volunteerRecruitment.sendExpiryReminders(now) },
    { name: 'purge-volunteer-interests', everyMs: 24 * HOUR, run: (now) => services.volunteerRecruitment.purgeOldInterests(now) },
    // Emails about new activities (decision 036): due digests, and requests never confirmed within a week.
    { name: 'activity-digests', everyMs: HOUR, run: (now) => services.subscriptions.sendDigests(now) },
    { name: 'purge-unconfirmed-subscriptions', everyMs: 24 * HOUR, run: (now) => services.subscriptions.purgeUnconfirmed(now) },
    // Callers asking to talk to a link worker (decision 039): flag untaken ones to coordinators, delete them after 90 days.
    // Funding deadlines (decision 047): one reminder 14 days before and one 3 days before, each once, to subscribed providers.
    { name: 'funding-deadline-reminders', everyMs: HOUR, run: (now) => services.funding.sendDeadlineReminders(now) },
    { name: 'link-worker-requests', everyMs: HOUR, run: (now) => services.linkWorkerRequests.flagAndPurge(now) },
    // Calendars in (decision 037): providers' calendar addresses, each read again once a day.
    { name: 'calendar-feeds', everyMs: HOUR, run: (now) => services.listings.calendarImports.rereadFeeds(now) },
    // Lone working (decision 028): missed check-outs raise alerts, unacknowledged alerts escalate.
    { name: 'lone-working-alerts', everyMs: MINUTE, run: (now) => services.buddyVisits.processLoneWorking(now) },
    // OpenActive's RPDE feed (decision 045): new, changed and no-longer-public listings into the change log.
    { name: 'openactive-feed', everyMs: MINUTE, run: () => services.openActive.syncFeed() },
    // Feed imports started from the admin page (decision 056): a few pages of the oldest waiting run a turn.
    { name: 'oruk-imports', everyMs: 10 * 1000, run: () => services.importsInBackground.carryOn() },
    { name: 'service-at-location-ids', everyMs: MINUTE, run: () => services.openDirectory.fillServiceAtLocationIds(serviceAtLocationIdOf) },
    // The open data's paging (decision 053): the directory's change rows into their running total.
    { name: 'fold-directory-changes', everyMs: 5 * MINUTE, run: () => services.openDirectory.foldDirectoryChanges() },
  ];
}

/** Who holds a lease in `job_runs`: this machine and process, plus a random part in case a pid is reused. */
export function runnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The job runner over the primary database (every app process may run one; see decision 025). */
export function createBackgroundJobRunner(deps: { db: Db; services: Services; clock: Clock; onFailure: JobRunnerOptions['onFailure'] }) {
  return createJobRunner({
    jobRuns: createJobRunRepository(deps.db),
    clock: deps.clock,
    jobs: backgroundJobs(deps.services, deps.db),
    owner: runnerName(),
    onFailure: deps.onFailure,
  });
}
