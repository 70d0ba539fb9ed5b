-- Buddy schemes: volunteers who go with a person to an activity (PRODUCT.md §3.2, "referral to an
-- activity or a buddy scheme"). A scheme's coordinators list them; the organisation that runs one
-- answers its referrals in the same inbox as activity referrals.
create table buddy_schemes (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id),
  organisation_id uuid not null references organisations(id),
  name text not null,
  description text not null default '',
  -- Where the volunteers can meet people, in words ("Great Yarmouth, Gorleston and Caister").
  areas text not null default '',
  -- What the volunteers offer: vocabulary BUDDY_SUPPORT (first visits, regular company, travel together, phone check-ins).
  support text[] not null default '{}',
  languages text[] not null default '{en}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index buddy_schemes_scheme_idx on buddy_schemes (scheme_id, active);
create index buddy_schemes_organisation_idx on buddy_schemes (organisation_id);

-- A referral with target 'buddy_scheme' names the buddy scheme (and no activity); it may name the
-- activity the person would like company to go to.
alter table referrals add column buddy_scheme_id uuid references buddy_schemes(id);
alter table referrals add column accompany_activity_id uuid references activities(id) on delete set null;
alter table referrals add constraint referrals_target_names_one_thing
  check (target = 'activity' and buddy_scheme_id is null or target = 'buddy_scheme' and buddy_scheme_id is not null and activity_id is null);
create index referrals_buddy_scheme_idx on referrals (buddy_scheme_id) where buddy_scheme_id is not null;
