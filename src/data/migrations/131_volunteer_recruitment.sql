-- Volunteer recruitment, training and checks (issue 9 part A, decision 027): light-touch
-- expressions of interest, recruitment steps with dates, training and check types as data with
-- evidence and expiry together, DBS Update Service status checks, and expiry reminders sent once.

-- What someone sent through the public "Volunteer with us" form, before they have an account.
-- Least data: deleted when the person is invited (the volunteer record takes over), when the lead
-- closes it, or by the purge job after it has gone nowhere for a while (decision 027).
create table volunteer_interests (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  volunteer_role_id uuid not null references volunteer_roles(id),
  known_as text not null,
  contact_preference text not null check (contact_preference in ('email', 'phone', 'text')),
  email text,
  phone text,
  -- Optional; the first part (NG7) is enough.
  postcode text,
  about text not null default '',
  consented_at timestamptz not null,
  conversation_on date,
  conversation_by uuid references users(id) on delete set null,
  created_at timestamptz not null
);
create index volunteer_interests_organisation_idx on volunteer_interests (organisation_id, created_at);

-- Training and check types are data; an administrator adds more. A DBS type says its level.
create table volunteer_check_types (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null unique,
  kind text not null check (kind in ('training', 'check')),
  dbs_level text check (dbs_level in ('basic', 'standard', 'enhanced', 'enhanced_barred_adults')),
  -- How long a record lasts before it expires or is due for review; null: it does not.
  valid_months integer check (valid_months between 1 and 120),
  -- Null for the types Waymark starts with; set by the app's clock for those an administrator adds.
  created_at timestamptz
);

-- DBS certificates do not expire: their date is a review date (good practice re-checks about every
-- 2 years, or uses the Update Service). Driving documents are checked every year.
insert into volunteer_check_types (code, name, kind, dbs_level, valid_months) values
  ('heritage_wellbeing', 'Heritage and wellbeing training', 'training', null, null),
  ('safeguarding_adults', 'Safeguarding adults training', 'training', null, 36),
  ('lone_working', 'Lone working training', 'training', null, 36),
  ('mental_health_awareness', 'Mental health awareness training', 'training', null, 36),
  ('dbs_basic', 'Basic DBS check', 'check', 'basic', 24),
  ('dbs_enhanced_barred_adults', 'Enhanced DBS check with the adults’ barred list', 'check', 'enhanced_barred_adults', 24),
  ('driving_licence', 'Driving licence', 'check', null, 12),
  ('car_insurance', 'Car insurance for volunteering', 'check', null, 12);

-- Which types each volunteer role requires.
create table volunteer_role_requirements (
  volunteer_role_id uuid not null references volunteer_roles(id) on delete cascade,
  check_type_id uuid not null references volunteer_check_types(id) on delete cascade,
  primary key (volunteer_role_id, check_type_id)
);

-- One training or check done: evidence and expiry together.
create table volunteer_checks (
  id uuid primary key default gen_random_uuid(),
  volunteer_id uuid not null references volunteers(id) on delete cascade,
  check_type_id uuid not null references volunteer_check_types(id),
  done_on date not null,
  -- Expiry or review date; null when it does not expire.
  expires_on date,
  -- Certificate or reference number.
  reference text,
  checked_by uuid references users(id) on delete set null,
  created_at timestamptz not null
);
create index volunteer_checks_volunteer_idx on volunteer_checks (volunteer_id, check_type_id, done_on);

-- DBS Update Service status checks, with the volunteer's consent; due again after 12 months.
create table volunteer_dbs_status_checks (
  id uuid primary key default gen_random_uuid(),
  volunteer_id uuid not null references volunteers(id) on delete cascade,
  checked_on date not null,
  consent_on date not null,
  result text not null check (result in ('no_change', 'changed', 'no_subscription')),
  checked_by uuid references users(id) on delete set null,
  created_at timestamptz not null
);
create index volunteer_dbs_status_checks_volunteer_idx on volunteer_dbs_status_checks (volunteer_id, checked_on);

-- Recruitment steps and their dates: conversation, references (if the role needs them), training, checks, ready.
create table volunteer_recruitment_steps (
  volunteer_id uuid not null references volunteers(id) on delete cascade,
  step text not null check (step in ('conversation', 'references', 'training', 'checks', 'ready')),
  done_on date not null,
  recorded_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  primary key (volunteer_id, step)
);

-- Each expiry reminder is sent once: the row is claimed in the transaction that queues the messages.
create table volunteer_expiry_reminders (
  item_kind text not null check (item_kind in ('check', 'dbs_status')),
  item_id uuid not null,
  days_before integer not null check (days_before in (60, 30, 7)),
  sent_at timestamptz not null,
  primary key (item_kind, item_id, days_before)
);
