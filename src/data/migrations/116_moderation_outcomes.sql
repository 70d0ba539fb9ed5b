-- Coordinators can ask for changes to a new listing or to a proposed change, rather than approve or
-- reject it; the provider edits and sends it again (decision 022). (The 6-month "is this still
-- right?" email is remembered in activities.stale_prompted_at, which confirming clears.)
alter table activities drop constraint activities_status_check;
alter table activities add constraint activities_status_check
  check (status in ('pending', 'live', 'rejected', 'withdrawn', 'changes_requested'));
alter table activity_changes drop constraint activity_changes_status_check;
alter table activity_changes add constraint activity_changes_status_check
  check (status in ('pending', 'approved', 'rejected', 'superseded', 'changes_requested'));
