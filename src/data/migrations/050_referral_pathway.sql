-- Referral pathway: schemes, referrer roles, participants, consent, referrals and their timeline,
-- attendance, notifications outbox, conversation prompts.

-- A scheme is a social prescribing programme in an area (e.g. Heritage for Wellbeing, Great Yarmouth
-- and Waveney). Link workers, connectors and coordinators work within one; referrals belong to one.
create table schemes (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  area text not null,
  response_working_days integer not null default 10 check (response_working_days between 1 and 60),
  created_at timestamptz not null default now()
);

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('provider', 'coordinator', 'admin', 'link_worker', 'connector'));
alter table users add column scheme_id uuid references schemes(id);

-- Organisations are heritage providers (listings) or referrers (a social prescribing team, a GP
-- practice, a befriending charity). A referrer organisation may let its link workers see each other's caseloads.
alter table organisations add column kind text not null default 'provider' check (kind in ('provider', 'referrer'));
alter table organisations add column scheme_id uuid references schemes(id);
alter table organisations add column share_caseload boolean not null default false;

-- The least personal data that does the job. No NHS number, no date of birth (an age band instead).
create table participants (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id),
  organisation_id uuid references organisations(id),
  caseworker_id uuid references users(id) on delete set null,
  source text not null default 'link_worker' check (source in ('link_worker', 'self', 'connector')),
  preferred_name text not null,
  contact_preference text not null check (contact_preference in ('phone', 'email', 'text', 'letter')),
  phone text,
  email text,
  address text,
  postcode text,
  easting integer,
  northing integer,
  age_band text,
  what_matters text not null default '',
  tags text[] not null default '{}',
  needs text[] not null default '{}',
  interests text[] not null default '{}',
  barriers text[] not null default '{}',
  access_needs text[] not null default '{}',
  languages text[] not null default '{en}',
  available_days integer[] not null default '{}',
  available_times text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  anonymised_at timestamptz
);
create index participants_caseworker_idx on participants (caseworker_id);
create index participants_org_idx on participants (organisation_id);
create index participants_scheme_idx on participants (scheme_id);

create table consents (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id) on delete cascade,
  purpose text not null check (purpose in ('referral', 'share_with_provider', 'follow_up', 'questionnaires')),
  method text not null check (method in ('verbal', 'written', 'online')),
  given_at timestamptz not null default now(),
  recorded_by uuid references users(id) on delete set null,
  withdrawn_at timestamptz,
  withdrawn_by uuid references users(id) on delete set null,
  note text not null default ''
);
create index consents_participant_idx on consents (participant_id);

create table referrals (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid references participants(id) on delete set null,
  scheme_id uuid not null references schemes(id),
  target text not null default 'activity' check (target in ('activity', 'buddy_scheme')),
  activity_id uuid references activities(id) on delete set null,
  provider_organisation_id uuid not null references organisations(id),
  route text not null check (route in ('link_worker', 'self', 'connector')),
  referrer_id uuid references users(id) on delete set null,
  referrer_organisation_id uuid references organisations(id),
  status text not null default 'draft' check (status in (
    'draft', 'sent', 'accepted', 'declined', 'waiting_list', 'first_visit_planned', 'attending',
    'completed', 'stopped', 'withdrawn')),
  status_reason text,
  support_needs text not null default '',
  message text not null default '',
  first_visit_date date,
  first_visit_buddy text,
  first_visit_transport text,
  funded_place boolean not null default false,
  next_steps text[] not null default '{}',
  sent_at timestamptz,
  response_due_at timestamptz,
  responded_at timestamptz,
  reminded_at timestamptz,
  escalated_at timestamptz,
  closed_at timestamptz,
  idempotency_key text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  anonymised_at timestamptz
);
create index referrals_provider_idx on referrals (provider_organisation_id, status);
create index referrals_participant_idx on referrals (participant_id);
create index referrals_referrer_idx on referrals (referrer_id);
create index referrals_activity_idx on referrals (activity_id, status);
create index referrals_scheme_idx on referrals (scheme_id, status);
create index referrals_due_idx on referrals (response_due_at) where status = 'sent';

-- The timeline: who did what and when.
create table referral_events (
  id bigserial primary key,
  referral_id uuid not null references referrals(id) on delete cascade,
  at timestamptz not null default now(),
  actor_id uuid references users(id) on delete set null,
  kind text not null check (kind in ('status', 'note', 'reminder', 'escalation', 'message')),
  from_status text,
  to_status text,
  note text not null default ''
);
create index referral_events_referral_idx on referral_events (referral_id, at);

-- Attendance registers: one row per referred person per session date.
create table attendance (
  referral_id uuid not null references referrals(id) on delete cascade,
  session_date date not null,
  attended boolean not null,
  recorded_by uuid references users(id) on delete set null,
  recorded_at timestamptz not null default now(),
  primary key (referral_id, session_date)
);

-- Outbox: messages are written in the same transaction as the change they report, then sent by a
-- pluggable sender (a file in development, SMTP in production). Tests never send.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('email', 'text', 'letter')),
  recipient text not null,
  subject text not null,
  body text not null,
  referral_id uuid references referrals(id) on delete set null,
  user_id uuid references users(id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notifications_pending_idx on notifications (created_at) where status = 'pending';

-- Prompts for talking about heritage, shown where the link worker records what matters.
create table conversation_prompts (
  id uuid primary key default gen_random_uuid(),
  theme text not null,
  prompt text not null,
  position integer not null default 0,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
