-- Photos on walk stops (issue 11, decision 048): a photo belongs to a contribution or to a walk stop,
-- never both, and goes with its owner (on delete cascade). One photo per stop. The bytes stay in the
-- same table so that one pipeline, one serving route and one set of limits cover both.
alter table contribution_photos alter column contribution_id drop not null;
alter table contribution_photos add column walk_stop_id uuid references walk_stops(id) on delete cascade;
-- Who uploaded it (the per-account daily photo limit counts it), and the credit a stop photo carries.
alter table contribution_photos add column added_by uuid references users(id) on delete set null;
alter table contribution_photos add column credit text;
update contribution_photos p set added_by = c.contributor_id from contributions c where c.id = p.contribution_id;
alter table contribution_photos add constraint contribution_photos_one_owner check (num_nonnulls(contribution_id, walk_stop_id) = 1);
alter table contribution_photos add constraint contribution_photos_stop_credit check (walk_stop_id is null or credit is not null);
create unique index contribution_photos_walk_stop_idx on contribution_photos (walk_stop_id) where walk_stop_id is not null;
create index contribution_photos_added_by_idx on contribution_photos (added_by, created_at);
-- The seam of decision 043 is replaced by the owner column above.
alter table walk_stops drop column photo_id;
