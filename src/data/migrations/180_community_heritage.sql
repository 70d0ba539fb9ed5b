-- Community heritage (issue 11, decision 042): places that matter to people (not on the National
-- Heritage List), memories and stories about a place or an activity, and their photos. One table of
-- contributions so that moderation, credit, licence, reports, export and erasure are written once.

-- Members of the public who contribute have an account of their own (email verified).
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('provider', 'coordinator', 'admin', 'link_worker', 'connector', 'commissioner', 'buddy', 'volunteer_lead', 'contributor'));

create table contributions (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('place', 'memory')),
  status text not null check (status in ('draft', 'waiting_for_review', 'changes_requested', 'published', 'reported', 'removed')),
  -- Who made it (the account), and who typed it in when it differs (staff entering for a teller).
  contributor_id uuid references users(id) on delete set null,
  entered_for_organisation_id uuid references organisations(id) on delete cascade,
  teller_consent_at timestamptz,
  private_to_group boolean not null default false,
  credit_kind text not null check (credit_kind in ('full_name', 'first_name', 'group', 'anonymous')),
  credit_name text,
  licence text not null check (licence in ('cc_by_sa_4', 'cc_by_4', 'waymark_only')),
  -- What it is.
  title text not null,
  place_kind text,
  body text not null default '',
  approximate_date text,
  one_of_several_views boolean not null default false,
  -- Where (a place): a postcode always (it decides the moderating scheme), a description, and a point.
  postcode text,
  where_description text,
  easting integer,
  northing integer,
  -- The outward code whose scheme moderates it: the postcode's for a place, the place's, asset's or activity's for a memory.
  area_outcode text not null,
  pos point generated always as (case when easting is null then null else point(easting, northing) end) stored,
  -- What a memory is about: a designated asset, a contributed place, or an activity.
  about_heritage_asset_id bigint references heritage_assets(id) on delete cascade,
  about_place_id uuid references contributions(id) on delete cascade,
  about_activity_id uuid references activities(id) on delete cascade,
  -- Moderation.
  status_message text,
  hidden_by_reports boolean not null default false,
  submitted_at timestamptz,
  published_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (kind <> 'place' or (postcode is not null and easting is not null)),
  check (kind <> 'memory' or num_nonnulls(about_heritage_asset_id, about_place_id, about_activity_id) = 1),
  check (not private_to_group or entered_for_organisation_id is not null)
);
create index contributions_pos_idx on contributions using gist (pos);
create index contributions_status_idx on contributions (status);
create index contributions_contributor_idx on contributions (contributor_id);
create index contributions_asset_idx on contributions (about_heritage_asset_id) where about_heritage_asset_id is not null;
create index contributions_place_idx on contributions (about_place_id) where about_place_id is not null;
create index contributions_activity_idx on contributions (about_activity_id) where about_activity_id is not null;

-- Photos: only re-encoded, resized copies are kept (never the upload), each under an id Waymark makes.
create table contribution_photos (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid not null references contributions(id) on delete cascade,
  alt_text text not null,
  people_agreed boolean not null default false,
  width integer not null,
  height integer not null,
  small_jpeg bytea not null,
  small_webp bytea not null,
  large_jpeg bytea not null,
  large_webp bytea not null,
  created_at timestamptz not null
);
create index contribution_photos_contribution_idx on contribution_photos (contribution_id);

-- Reports from readers: one per person (account, or a hash of the visitor cookie) per item.
create table contribution_reports (
  id bigserial primary key,
  contribution_id uuid not null references contributions(id) on delete cascade,
  reporter_key text not null,
  reason text not null check (reason in ('privacy', 'copyright', 'inaccurate', 'offensive', 'other')),
  details text not null default '',
  created_at timestamptz not null,
  resolved_at timestamptz,
  unique (contribution_id, reporter_key)
);
