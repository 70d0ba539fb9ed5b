-- Volunteers (issue 9, decision 026): Heritage Buddies, who go with people to activities, and
-- Heritage Connectors, who signpost at the information points. Volunteers belong to a host
-- organisation and a scheme; a volunteer lead at the host organisation looks after them.

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('provider', 'coordinator', 'admin', 'link_worker', 'connector', 'commissioner', 'buddy', 'volunteer_lead'));

-- Befriending and community organisations (a women's centre, a refugee support group) host
-- heritage-informed buddies; they list no activities and take no referrals themselves.
alter table organisations drop constraint organisations_kind_check;
alter table organisations add constraint organisations_kind_check check (kind in ('provider', 'referrer', 'community'));

-- What a volunteer does at an organisation. DBS eligibility follows the role, not the person:
-- a role says the highest check it is eligible for; roles that include transport for people
-- because of age, illness or disability are regulated activity (enhanced with the adults' barred list).
create table volunteer_roles (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  name text not null,
  kind text not null check (kind in ('buddy', 'connector')),
  -- Buddies only: site-specific (at the host heritage organisation's own activities) or
  -- heritage-informed (at any activity).
  strand text check (strand in ('site_specific', 'heritage_informed')),
  description text not null default '',
  dbs_eligibility text not null default 'none' check (dbs_eligibility in ('none', 'basic', 'standard', 'enhanced', 'enhanced_barred_adults')),
  includes_transport boolean not null default false,
  references_required boolean not null default false,
  created_at timestamptz not null,
  constraint volunteer_roles_strand_for_buddies check ((kind = 'buddy') = (strand is not null)),
  unique (organisation_id, name)
);

-- One row per volunteer: the least data that does the job. The postcode is used for distance and
-- never shown to participants. user_id is set when the volunteer lead invites them to an account.
create table volunteers (
  id uuid primary key default gen_random_uuid(),
  user_id uuid unique references users(id) on delete set null,
  organisation_id uuid not null references organisations(id),
  scheme_id uuid not null references schemes(id),
  volunteer_role_id uuid not null references volunteer_roles(id),
  -- The buddy scheme whose referrals this buddy can be matched to (buddies only).
  buddy_scheme_id uuid references buddy_schemes(id),
  known_as text not null,
  contact_preference text not null check (contact_preference in ('email', 'phone', 'text')),
  email text,
  phone text,
  postcode text,
  easting integer,
  northing integer,
  travel_miles integer not null default 3 check (travel_miles between 0 and 50),
  languages text[] not null default '{en}',
  -- Day and part of day, e.g. 'mon_morning', 'sat_afternoon', 'wed_evening' (domain/volunteer.ts).
  availability text[] not null default '{}',
  -- Heritage vocabulary keys (ACTIVITY_TYPES) they are interested in.
  interests text[] not null default '{}',
  -- VOLUNTEER_OFFERS (domain/volunteer.ts): first_visits, regular_company, travel_together, phone_check_in.
  offers text[] not null default '{}',
  drives boolean not null default false,
  capacity integer not null default 1 check (capacity between 1 and 10),
  -- Only so a participant's stated preference (for example "a woman buddy") can be met; optional.
  gender text check (gender in ('woman', 'man', 'non_binary')),
  emergency_contact_name text,
  emergency_contact_phone text,
  status text not null default 'in_recruitment' check (status in ('in_recruitment', 'ready', 'paused', 'stopped')),
  status_changed_at timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index volunteers_organisation_idx on volunteers (organisation_id, status);
create index volunteers_buddy_scheme_idx on volunteers (buddy_scheme_id) where buddy_scheme_id is not null;

-- A volunteer lead looks after the volunteers of the organisations they belong to (memberships).
