-- Heritage walks (issue 11, decision 043): self-guided routes with ordered stops and access facts per
-- stop and per leg, so someone with limited mobility can judge a walk before setting out. Free, any
-- time. A walk is written by provider staff (for their organisation) or a coordinator (their scheme's
-- area) and is a draft until a coordinator of the area where it starts publishes it.
create table walks (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 120),
  summary text not null check (length(summary) between 1 and 1000),
  town text not null check (length(town) between 1 and 80),
  -- Where it starts: the postcode (normalised, NR301NE) decides whose scheme area the walk is in.
  postcode text not null,
  easting integer not null,
  northing integer not null,
  pos point generated always as (point(easting, northing)) stored,
  -- Provider staff write for their organisation; a coordinator's own walk has none.
  organisation_id uuid references organisations(id) on delete cascade,
  status text not null check (status in ('draft', 'published')),
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  published_at timestamptz,
  published_by uuid references users(id) on delete set null
);
create index walks_pos_idx on walks using gist (pos);
create index walks_status_idx on walks (status);

-- One stop, and the leg that reaches it from the stop before (the first stop has no leg).
create table walk_stops (
  id uuid primary key default gen_random_uuid(),
  walk_id uuid not null references walks(id) on delete cascade,
  position integer not null check (position >= 1),
  name text not null check (length(name) between 1 and 120),
  postcode text,
  easting integer not null,
  northing integer not null,
  latitude double precision not null,
  longitude double precision not null,
  directions text not null default '',
  story text not null default '',
  heritage_asset_id bigint references heritage_assets(id) on delete set null,
  -- The stop itself.
  step_free boolean not null,
  bench boolean not null,
  toilet boolean not null,
  access_note text not null default '',
  -- The leg from the previous stop. Its length is the straight line unless the author gives the
  -- walking distance (a path that bends is longer).
  leg_walked_m integer check (leg_walked_m between 1 and 50000),
  leg_step_free boolean,
  leg_surface text check (leg_surface in ('paved', 'gravel', 'grass', 'cobbles', 'mixed')),
  leg_gradient text check (leg_gradient in ('flat', 'gentle', 'steep')),
  leg_bench boolean,
  -- Seam for the photo pipeline (issue 11 contributions): the stop's photo, added later with its
  -- foreign key by the migration that creates the photos table.
  photo_id uuid,
  unique (walk_id, position) deferrable initially deferred
);
create index walk_stops_walk_idx on walk_stops (walk_id, position);
