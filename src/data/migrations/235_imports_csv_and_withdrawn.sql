-- Spreadsheets of listings import like feeds (decision 052): a run may read a CSV file.
alter table import_runs drop constraint import_runs_feed_version_check;
alter table import_runs add constraint import_runs_feed_version_check check (feed_version in ('1.0', '3.0', 'csv'));

-- A complete run withdraws the source's listings no longer in it: counted on the run, a row each in its report,
-- and marked on the lineage, so a listing that comes back to the feed is listed again.
alter table import_runs add column withdrawn integer not null default 0;
alter table import_run_rows drop constraint import_run_rows_outcome_check;
alter table import_run_rows add constraint import_run_rows_outcome_check
  check (outcome in ('created', 'updated', 'unchanged', 'rejected', 'withdrawn', 'note'));
alter table import_lineage add column withdrawn_at timestamptz;
