-- Information points kept by coordinators (issue 10, decision 041): a point that closes is retired, not
-- deleted, so the shifts connectors worked there and the conversations they logged keep their place.
-- A retired point is no longer listed, printed in packs or served as a calendar.
alter table information_points add column retired_at timestamptz;
create index information_points_live_idx on information_points (scheme_id) where retired_at is null;

-- Who will be there: a connector booking a shift at an information point says whether the public page
-- and the pack may show their first name, or only "a Heritage Connector".
alter table connector_shifts add column show_first_name boolean not null default true;
