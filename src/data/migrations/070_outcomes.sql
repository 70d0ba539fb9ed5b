-- Outcomes and evidence: licensed instrument wording, one-time questionnaire links, questionnaire
-- responses with their scores, and the commissioner role (aggregate reports only).

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('provider', 'coordinator', 'admin', 'link_worker', 'connector', 'commissioner'));

-- Item wording of licensed instruments (WEMWBS, SWEMWBS), loaded by an administrator from the
-- organisation's licence pack. Never shipped in the code.
create table instrument_wordings (
  instrument text primary key check (instrument in ('swemwbs', 'wemwbs')),
  items jsonb not null,
  licence_note text not null default '',
  loaded_by uuid references users(id) on delete set null,
  loaded_at timestamptz not null default now()
);

-- A one-time link for a participant to fill in a questionnaire without an account. Only a hash of
-- the random token is kept; a link works once, until it expires.
create table questionnaire_links (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  referral_id uuid not null references referrals(id) on delete cascade,
  time_point text not null check (time_point in ('baseline', 'end', 'follow_up')),
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index questionnaire_links_referral_idx on questionnaire_links (referral_id, time_point);

-- One row per instrument answered at a time point. `answers` keeps every raw item answer (so scoring
-- can be redone); `scores` holds one score per measure of the instrument, in the registry's order
-- (null where the missing-answer rule gives none), so reports aggregate in SQL. The scheme, provider,
-- activity and referral date are copied from the referral so a report reads this table alone.
create table questionnaire_responses (
  id bigserial primary key,
  referral_id uuid not null references referrals(id) on delete cascade,
  participant_id uuid references participants(id) on delete set null,
  time_point text not null check (time_point in ('baseline', 'end', 'follow_up')),
  instrument text not null,
  answers jsonb not null,
  scores float8[] not null,
  mode text not null check (mode in ('self', 'with_link_worker')),
  entered_by uuid references users(id) on delete set null,
  completed_at timestamptz not null default now(),
  scheme_id uuid not null references schemes(id),
  provider_organisation_id uuid not null references organisations(id),
  activity_id uuid references activities(id) on delete set null,
  referred_on date not null,
  unique (referral_id, time_point, instrument)
);
create index questionnaire_responses_scheme_idx on questionnaire_responses (scheme_id, referred_on);
create index questionnaire_responses_provider_idx on questionnaire_responses (provider_organisation_id, referred_on);
create index questionnaire_responses_activity_idx on questionnaire_responses (activity_id, referred_on);
create index questionnaire_responses_participant_idx on questionnaire_responses (participant_id);
