import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_URL, ENGINES } from '../../test/engines.ts';
import { movableClock } from '../../test/movable-clock.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import { openPostgres } from '../data/database.ts';
import { createJobRunRepository } from '../data/repositories/job-run.repository.ts';
import { backgroundJobs } from '../background-jobs.ts';
import { createJobRunner, DEFAULT_LEASE_MS, type Job } from './job-runner.service.ts';

const MINUTE = 60 * 1000;

/** A job that counts its runs; `hold` makes the next run wait until released. */
function countingJob(name: string, everyMs: number) {
  const job = {
    name,
    everyMs,
    runs: 0,
    hold: undefined as Promise<void> | undefined,
    async run() {
      job.runs++;
      if (job.hold) await job.hold;
    },
  };
  return job;
}

describe.each(ENGINES)('background jobs ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  beforeAll(async () => {
    db = await engine.open();
  }, 180_000);
  afterAll(async () => db.drop());

  it('runs a job once per turn, first one interval after it is new, and keeps its schedule across a restart', async () => {
    const time = movableClock(TEST_NOW);
    const job = countingJob('count-restart', 30 * MINUTE);
    const jobRuns = createJobRunRepository(db);
    const first = createJobRunner({ jobRuns, clock: time.clock, jobs: [job], owner: 'first' });
    expect(await first.tick()).toEqual([]);
    time.advanceMinutes(30);
    expect(await first.tick()).toEqual(['count-restart']);
    expect(await first.tick()).toEqual([]);
    expect(job.runs).toBe(1);
    // The process restarts ten minutes later: the job is not due for another twenty.
    time.advanceMinutes(10);
    const restarted = createJobRunner({ jobRuns, clock: time.clock, jobs: [job], owner: 'restarted' });
    expect(await restarted.tick()).toEqual([]);
    time.advanceMinutes(20);
    expect(await restarted.tick()).toEqual(['count-restart']);
    expect(job.runs).toBe(2);
    const [row] = (await jobRuns.list()).filter((r) => r.job === 'count-restart');
    expect(row).toMatchObject({ leaseOwner: null, lastOutcome: 'succeeded' });
    expect(row!.nextRunAt.toISOString()).toBe(new Date(new Date(TEST_NOW).getTime() + 90 * MINUTE).toISOString());
  });

  it('runs a turn again when the runner holding it died, once its lease has run out, and not before', async () => {
    const time = movableClock(TEST_NOW);
    const job = countingJob('count-lease', 5 * MINUTE);
    const jobRuns = createJobRunRepository(db);
    const dying = createJobRunner({ jobRuns, clock: time.clock, jobs: [job], owner: 'dying' });
    await dying.tick();
    time.advanceMinutes(5);
    let release: () => void = () => undefined;
    job.hold = new Promise<void>((r) => {
      release = r;
    });
    const stuck = dying.tick(); // claims the job, then never finishes: the process is gone
    await waitFor(() => job.runs === 1);
    job.hold = undefined;
    const other = createJobRunner({ jobRuns, clock: time.clock, jobs: [job], owner: 'other' });
    expect(await other.tick()).toEqual([]);
    time.advanceMinutes(DEFAULT_LEASE_MS / MINUTE - 1);
    expect(await other.tick()).toEqual([]);
    time.advanceMinutes(1);
    expect(await other.tick()).toEqual(['count-lease']);
    expect(job.runs).toBe(2);
    // The lost runner finishing late changes nothing: the lease is no longer its own.
    release();
    await stuck;
    const [row] = (await jobRuns.list()).filter((r) => r.job === 'count-lease');
    expect(row!.lastStartedAt?.toISOString()).toBe(time.clock.now().toISOString());
    expect(row!.nextRunAt.toISOString()).toBe(new Date(time.clock.now().getTime() + 5 * MINUTE).toISOString());
  });

  it('records a failed turn, tells the caller, and tries again at the next turn', async () => {
    const time = movableClock(TEST_NOW);
    let attempts = 0;
    const failing: Job = {
      name: 'fail-once',
      everyMs: 5 * MINUTE,
      async run() {
        attempts++;
        if (attempts === 1) throw new Error('the SMTP server is down');
      },
    };
    const failures: string[] = [];
    const jobRuns = createJobRunRepository(db);
    const runner = createJobRunner({ jobRuns, clock: time.clock, jobs: [failing], owner: 'r', onFailure: (job) => failures.push(job) });
    await runner.tick();
    time.advanceMinutes(5);
    await runner.tick();
    expect(failures).toEqual(['fail-once']);
    expect((await jobRuns.list()).find((r) => r.job === 'fail-once')?.lastOutcome).toBe('failed');
    time.advanceMinutes(5);
    await runner.tick();
    expect(attempts).toBe(2);
    expect((await jobRuns.list()).find((r) => r.job === 'fail-once')?.lastOutcome).toBe('succeeded');
  });

  it("schedules Waymark's own jobs under stable names", async () => {
    const names = backgroundJobs({} as never, db).map((j) => j.name);
    expect(names).toEqual([
      'refresh-next-sessions',
      'referral-response-deadlines',
      'deliver-notifications',
      'anonymise-closed-referrals',
      'listing-freshness-prompts',
      'purge-ended-sessions',
      'volunteer-expiry-reminders',
      'purge-volunteer-interests',
      'activity-digests',
      'purge-unconfirmed-subscriptions',
      'funding-deadline-reminders',
      'link-worker-requests',
      'calendar-feeds',
      'lone-working-alerts',
      'openactive-feed',
      'oruk-imports',
      'service-at-location-ids',
      'fold-directory-changes',
    ]);
  });
});

// Two deployments: separate processes with their own connections to one PostgreSQL database.
const postgres = ENGINES.find((e) => e.name === 'postgres');
describe.skipIf(!postgres)('background jobs with two runners on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>;
  let second: Awaited<ReturnType<typeof openPostgres>>;
  beforeAll(async () => {
    db = await postgres!.open();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${(await db.query<{ name: string }>('select current_database() as name'))[0]!.name}`;
    second = await openPostgres(url.toString(), 4);
  }, 180_000);
  afterAll(async () => {
    await second?.close();
    await db?.drop();
  });

  it('runs each turn of each job exactly once however the two race for it', async () => {
    const time = movableClock(TEST_NOW);
    const jobs = [countingJob('a', 5 * MINUTE), countingJob('b', 5 * MINUTE), countingJob('c', 10 * MINUTE)];
    const one = createJobRunner({ jobRuns: createJobRunRepository(db), clock: time.clock, jobs, owner: 'deployment-one' });
    const two = createJobRunner({ jobRuns: createJobRunRepository(second), clock: time.clock, jobs, owner: 'deployment-two' });
    const claimedBy = { one: 0, two: 0 };
    for (let turn = 0; turn <= 20; turn++) {
      // Each runner polls three times at once; both ask for the same due jobs at the same moment.
      const results = await Promise.all([one.tick(), two.tick(), one.tick(), two.tick(), one.tick(), two.tick()]);
      results.forEach((claimed, i) => {
        claimedBy[i % 2 === 0 ? 'one' : 'two'] += claimed.length;
      });
      time.advanceMinutes(5);
    }
    expect(jobs.map((j) => j.runs)).toEqual([20, 20, 10]);
    expect(claimedBy.one + claimedBy.two).toBe(50);
  });
});

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not met');
}
