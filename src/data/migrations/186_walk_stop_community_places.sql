-- Walk stops link to community heritage (issue 11, decision 043 addendum 2026-12-07): a stop can be a
-- place that matters to local people (a published contribution of kind 'place') as it can be a
-- designated heritage asset, so the place's page lists the walks that pass it.
alter table walk_stops add column contributed_place_id uuid references contributions(id) on delete set null;
create index walk_stops_contributed_place_idx on walk_stops (contributed_place_id) where contributed_place_id is not null;
create index walk_stops_heritage_asset_idx on walk_stops (heritage_asset_id) where heritage_asset_id is not null;
