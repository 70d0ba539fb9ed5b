-- Memories about a walk stop (issue 11, decision 048): one more thing a memory can be about. Removing
-- the stop (or its walk) removes the memories attached to it, as for a contributed place.
alter table contributions add column about_walk_stop_id uuid references walk_stops(id) on delete cascade;
alter table contributions drop constraint contributions_check1;
alter table contributions add constraint contributions_memory_about_one
  check (kind <> 'memory' or num_nonnulls(about_heritage_asset_id, about_place_id, about_activity_id, about_walk_stop_id) = 1);
create index contributions_walk_stop_idx on contributions (about_walk_stop_id) where about_walk_stop_id is not null;
