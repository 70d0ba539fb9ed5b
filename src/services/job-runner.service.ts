import type { JobRunRepository } from '../data/repositories/job-run.repository.ts';
import type { Clock } from '../domain/clock.ts';

export type Job = {
  /** Also its key in `job_runs`: renaming a job starts a new schedule. */
  name: string;
  everyMs: number;
  run(now: Date): Promise<unknown>;
};

export type JobRunnerOptions = {
  jobRuns: JobRunRepository;
  clock: Clock;
  jobs: readonly Job[];
  /** Names this runner in `job_runs.lease_owner`, e.g. host:pid:random. */
  owner: string;
  /** How long a claimed job is held before another runner may take it; renewed while the job runs. */
  leaseMs?: number;
  /** Told of each failure (job name and the error); the job runs again at its next turn. */
  onFailure?: (job: string, error: unknown) => void;
};

export const DEFAULT_LEASE_MS = 10 * 60 * 1000;

/**
 * Runs background jobs from any number of app processes, each turn of each job once (decision 025).
 * The schedule is in the database (`job_runs`): a job is due when its `next_run_at` has passed, and a
 * runner must take its lease before running it. A runner that dies mid-job loses nothing: the lease
 * runs out and another runner (or the same one, restarted) runs the job again. Every job is safe to
 * run twice anyway (each claims its rows), so a job that outlives its lease does no harm.
 */
export function createJobRunner(opts: JobRunnerOptions) {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const byName = new Map(opts.jobs.map((j) => [j.name, j]));
  const names = [...byName.keys()];
  const running = new Map<string, Promise<void>>();
  let registered = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

  async function register() {
    if (registered) return;
    // A job never seen before first runs one interval from now, as a timer would have.
    const now = opts.clock.now();
    await opts.jobRuns.register(names, (name) => at(now, byName.get(name)!.everyMs));
    registered = true;
  }

  async function runClaimed(job: Job, startedAt: Date) {
    // Renew the lease while the job runs, so a slow turn is not taken over by another runner.
    const renew = setInterval(() => {
      void opts.jobRuns.extend(job.name, opts.owner, at(opts.clock.now(), leaseMs)).catch(() => undefined);
    }, leaseMs / 3);
    renew.unref();
    let outcome: 'succeeded' | 'failed' = 'succeeded';
    try {
      await job.run(startedAt);
    } catch (error) {
      outcome = 'failed';
      opts.onFailure?.(job.name, error);
    } finally {
      clearInterval(renew);
    }
    const finishedAt = opts.clock.now();
    const next = new Date(Math.max(startedAt.getTime() + job.everyMs, finishedAt.getTime()));
    await opts.jobRuns.finish(job.name, opts.owner, finishedAt, outcome, next);
  }

  /** Claims every due job this runner is not already running and starts each; resolves when they have finished. */
  async function tick(): Promise<string[]> {
    if (stopped) return [];
    await register();
    const now = opts.clock.now();
    const free = names.filter((n) => !running.has(n));
    if (free.length === 0) return [];
    const claimed = await opts.jobRuns.claimDue(free, opts.owner, now, at(now, leaseMs));
    await Promise.all(
      claimed.map((name) => {
        const turn = runClaimed(byName.get(name)!, now).finally(() => running.delete(name));
        running.set(name, turn);
        return turn;
      }),
    );
    return claimed;
  }

  return {
    tick,
    /** Polls every `pollMs` (jobs run in the background; a slow job does not hold up the others). */
    start(pollMs = 5000) {
      const poll = () => {
        tick().catch((error: unknown) => opts.onFailure?.('(claiming jobs)', error));
      };
      timer = setInterval(poll, pollMs);
      timer.unref();
      poll();
    },
    /** Stops claiming and waits for running jobs to finish, so their outcome and next turn are recorded. */
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled(running.values());
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
