-- Accounts, sessions, organisations and membership.
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('provider', 'coordinator', 'admin')),
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table user_sessions (
  token_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_sessions_user_idx on user_sessions (user_id);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  org_type text not null,
  description text not null default '',
  email text,
  phone text,
  website text,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  status_note text,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table memberships (
  user_id uuid not null references users(id) on delete cascade,
  organisation_id uuid not null references organisations(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, organisation_id)
);
create index memberships_org_idx on memberships (organisation_id);

-- Where things happen (ORUK location). Positions are British National Grid metres.
create table places (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id) on delete cascade,
  name text not null,
  address_line text not null default '',
  town text not null default '',
  postcode text not null,
  easting integer not null,
  northing integer not null,
  latitude double precision not null,
  longitude double precision not null,
  pos point generated always as (point(easting, northing)) stored,
  nhle_list_entry integer,
  community_valued boolean not null default false,
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index places_pos_idx on places using gist (pos);
create index places_org_idx on places (organisation_id);

-- Activities (ORUK service). The row holds the published content; proposed edits to a live
-- listing wait in activity_changes until a coordinator approves them.
create table activities (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id) on delete cascade,
  place_id uuid not null references places(id),
  title text not null,
  summary text not null,
  description text not null default '',
  activity_types text[] not null default '{}',
  needs text[] not null default '{}',
  age_min integer,
  age_max integer,
  group_size_max integer,
  eligibility text not null default '',
  first_visit text not null default '',
  cost_type text not null check (cost_type in ('free', 'paid', 'free_for_referred')),
  price_pence integer,
  cost_note text not null default '',
  funded_places integer,
  access text[] not null default '{}',
  distance_walked_m integer,
  terrain text,
  support text[] not null default '{}',
  referral_routes text[] not null default '{}',
  languages text[] not null default '{en}',
  safeguarding text[] not null default '{}',
  months integer[] not null default '{1,2,3,4,5,6,7,8,9,10,11,12}',
  capacity integer,
  how_to_join text not null default '',
  contact_name text,
  contact_email text,
  contact_phone text,
  status text not null default 'pending' check (status in ('pending', 'live', 'rejected', 'withdrawn')),
  status_note text,
  last_checked_at timestamptz not null default now(),
  stale_prompted_at timestamptz,
  -- Derived from sessions whenever they change, so search filters stay on one table.
  session_days integer[] not null default '{}',
  session_times text[] not null default '{}',
  next_session_at timestamptz,
  next_session_end_at timestamptz,
  search_text text not null default '',
  search_vector tsvector generated always as (to_tsvector('english', search_text)) stored,
  version integer not null default 1,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index activities_place_idx on activities (place_id);
create index activities_org_idx on activities (organisation_id);
create index activities_status_idx on activities (status, last_checked_at);
create index activities_search_idx on activities using gin (search_vector);
create index activities_types_idx on activities using gin (activity_types);
create index activities_needs_idx on activities using gin (needs);
create index activities_access_idx on activities using gin (access);

create table activity_changes (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activities(id) on delete cascade,
  proposed jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'superseded')),
  proposed_by uuid references users(id) on delete set null,
  proposed_at timestamptz not null default now(),
  reviewed_by uuid references users(id) on delete set null,
  reviewed_at timestamptz,
  review_note text
);
create index activity_changes_pending_idx on activity_changes (activity_id) where status = 'pending';

create table activity_versions (
  activity_id uuid not null references activities(id) on delete cascade,
  version integer not null,
  snapshot jsonb not null,
  summary text not null,
  changed_by uuid references users(id) on delete set null,
  approved_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (activity_id, version)
);

-- Sessions (ORUK schedule). Times are local Europe/London wall-clock times.
create table activity_sessions (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activities(id) on delete cascade,
  frequency text not null check (frequency in ('weekly', 'fortnightly', 'monthly', 'once')),
  weekday integer check (weekday between 1 and 7),
  week_of_month integer check (week_of_month in (1, 2, 3, 4, -1)),
  start_date date not null,
  end_date date,
  start_time time not null,
  end_time time not null,
  note text not null default '',
  created_at timestamptz not null default now()
);
create index activity_sessions_activity_idx on activity_sessions (activity_id);

create table session_cancellations (
  session_id uuid not null references activity_sessions(id) on delete cascade,
  on_date date not null,
  reason text not null default '',
  primary key (session_id, on_date)
);

-- Reference geography, from importers.
create table postcodes (
  postcode text primary key, -- upper case, no space
  easting integer not null,
  northing integer not null,
  latitude double precision not null,
  longitude double precision not null,
  admin_district text
);

create table outcodes (
  outcode text primary key,
  easting integer not null,
  northing integer not null,
  latitude double precision not null,
  longitude double precision not null
);

create table place_names (
  id serial primary key,
  name text not null,
  name_key text not null,
  county text not null default '',
  easting integer not null,
  northing integer not null,
  latitude double precision not null,
  longitude double precision not null
);
create index place_names_key_idx on place_names (name_key);
create index place_names_trgm_idx on place_names using gin (name_key gin_trgm_ops);

-- Heritage assets from the National Heritage List for England, Mapping Museums and others.
create table heritage_assets (
  id bigserial primary key,
  source text not null,
  source_id text not null,
  name text not null,
  category text not null,
  grade text,
  easting integer not null,
  northing integer not null,
  latitude double precision not null,
  longitude double precision not null,
  pos point generated always as (point(easting, northing)) stored,
  url text,
  licence text not null,
  unique (source, source_id)
);
create index heritage_assets_pos_idx on heritage_assets using gist (pos);

-- Words that occur in listings, for typo-tolerant search.
create table search_lexicon (
  word text primary key
);
create index search_lexicon_trgm_idx on search_lexicon using gin (word gin_trgm_ops);

-- Who changed what, for listings and accounts (personal data audit grows in later issues).
create table audit_events (
  id bigserial primary key,
  actor_id uuid references users(id) on delete set null,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
create index audit_events_subject_idx on audit_events (subject_type, subject_id);
