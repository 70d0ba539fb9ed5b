import type { Db } from '../database.ts';

export type JobRun = {
  job: string;
  nextRunAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOutcome: 'succeeded' | 'failed' | null;
};

type Row = {
  job: string;
  next_run_at: Date;
  lease_owner: string | null;
  lease_until: Date | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_outcome: 'succeeded' | 'failed' | null;
};

const toJobRun = (r: Row): JobRun => ({
  job: r.job,
  nextRunAt: new Date(r.next_run_at),
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until ? new Date(r.lease_until) : null,
  lastStartedAt: r.last_started_at ? new Date(r.last_started_at) : null,
  lastFinishedAt: r.last_finished_at ? new Date(r.last_finished_at) : null,
  lastOutcome: r.last_outcome,
});

/** The schedule and leases of background jobs (decision 025). */
export function createJobRunRepository(db: Db) {
  return {
    /** Adds jobs this runner knows that the table does not, first due at `firstRunAt`; existing schedules stay. */
    async register(jobs: readonly string[], firstRunAt: (job: string) => Date) {
      for (const job of jobs) {
        await db.query('insert into job_runs (job, next_run_at) values ($1, $2) on conflict (job) do nothing', [job, firstRunAt(job)]);
      }
    },
    /**
     * Takes the lease of each named job that is due and not held by a live lease, in one statement:
     * PostgreSQL locks each row and re-checks the condition, so of several runners asking at once
     * exactly one gets a given job. Returns the jobs this owner now holds.
     */
    async claimDue(jobs: readonly string[], owner: string, now: Date, leaseUntil: Date): Promise<string[]> {
      const rows = await db.query<{ job: string }>(
        `update job_runs set lease_owner = $2, lease_until = $4, last_started_at = $3
          where job = any($1::text[]) and next_run_at <= $3 and (lease_until is null or lease_until <= $3)
          returning job`,
        [jobs, owner, now, leaseUntil],
      );
      return rows.map((r) => r.job);
    },
    /** Keeps a running job's lease alive; false when the lease was lost (it ran past it and another took it). */
    async extend(job: string, owner: string, leaseUntil: Date): Promise<boolean> {
      const rows = await db.query('update job_runs set lease_until = $3 where job = $1 and lease_owner = $2 returning job', [job, owner, leaseUntil]);
      return rows.length > 0;
    },
    /** Records the outcome, sets the next turn and lets go of the lease (only if this owner still holds it). */
    async finish(job: string, owner: string, at: Date, outcome: 'succeeded' | 'failed', nextRunAt: Date) {
      await db.query(
        `update job_runs set lease_owner = null, lease_until = null, last_finished_at = $3, last_outcome = $4, next_run_at = $5
          where job = $1 and lease_owner = $2`,
        [job, owner, at, outcome, nextRunAt],
      );
    },
    async list(): Promise<JobRun[]> {
      return (await db.query<Row>('select * from job_runs order by job')).map(toJobRun);
    },
  };
}

export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
