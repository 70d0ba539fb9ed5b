-- Imports started from the admin page run in the background (decision 056): the job `oruk-imports`
-- carries on each run marked `in_background`, a few pages a turn. Whoever is reading a run's pages
-- (the job, or the command line resuming it) holds its lease; a process that dies loses it when it
-- runs out, and the next turn resumes after the last page done.
alter table import_runs add column in_background boolean not null default false;
alter table import_runs add column lease_owner text;
alter table import_runs add column lease_until timestamptz;

-- One run per source at a time: older unfinished runs of a source are closed first.
update import_runs r set status = 'failed', message = 'Replaced by a newer run of the same source'
 where r.status = 'running'
   and exists (select 1 from import_runs n where n.source_id = r.source_id and n.status = 'running'
               and (n.started_at, n.id) > (r.started_at, r.id));
create unique index import_runs_one_running_per_source on import_runs (source_id) where status = 'running';
create index import_runs_background_idx on import_runs (started_at) where status = 'running' and in_background;
