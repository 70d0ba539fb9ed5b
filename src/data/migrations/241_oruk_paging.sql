-- ORUK /services paging at national scale (decision 053).
-- Live listings in the order the open-data lists page them (title, id), carrying what the rest of the
-- visibility rule reads (organisation, last check), so a page is found by walking this index alone.
-- Only the clock-independent part of the rule (`status = 'live'`) can be an index predicate.
create index activities_live_title_idx on activities (title, id) include (organisation_id, last_checked_at) where status = 'live';

-- The directory's version: how many transactions have written to activities, organisations or places.
-- Each writing transaction adds one row (statement triggers that look at the rows changed, so a
-- statement that changes none adds nothing and a bulk update adds one row, not one per listing); the
-- job `fold-directory-changes` moves the rows into the running total. Read in one statement,
-- total + rows only ever grows, so a count or page boundary cached under it is right until it changes.
create table directory_changes (txid bigint primary key);
create table directory_changes_folded (n bigint not null);
insert into directory_changes_folded (n) values (0);

create function note_directory_change() returns trigger language plpgsql as $$
begin
  insert into directory_changes (txid) values (txid_current()) on conflict do nothing;
  return null;
end $$;

create function note_directory_rows_changed() returns trigger language plpgsql as $$
begin
  if exists (select 1 from changed_rows) then
    insert into directory_changes (txid) values (txid_current()) on conflict do nothing;
  end if;
  return null;
end $$;

create trigger activities_directory_insert after insert on activities referencing new table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger activities_directory_update after update on activities referencing new table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger activities_directory_delete after delete on activities referencing old table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger activities_directory_truncate after truncate on activities
  for each statement execute function note_directory_change();
create trigger organisations_directory_insert after insert on organisations referencing new table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger organisations_directory_update after update on organisations referencing new table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger organisations_directory_delete after delete on organisations referencing old table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger organisations_directory_truncate after truncate on organisations
  for each statement execute function note_directory_change();
create trigger places_directory_insert after insert on places referencing new table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger places_directory_update after update on places referencing new table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger places_directory_delete after delete on places referencing old table as changed_rows
  for each statement execute function note_directory_rows_changed();
create trigger places_directory_truncate after truncate on places
  for each statement execute function note_directory_change();
