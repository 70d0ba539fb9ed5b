-- Background jobs with several app processes (decision 025). One row per job: when it is next due,
-- and who holds it while it runs. A runner claims a due job by taking its lease in one update, so
-- however many processes poll, each turn of a job runs once; the schedule outlives any restart.
-- Times come from the app's clock, like every other timestamp (decision 011).
create table job_runs (
  job text primary key,
  next_run_at timestamptz not null,
  lease_owner text,
  lease_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_outcome text check (last_outcome in ('succeeded', 'failed')),
  check ((lease_owner is null) = (lease_until is null))
);
