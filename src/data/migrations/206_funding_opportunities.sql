-- Funding opportunities kept by coordinators (issue 12, decision 047): public at /funding, with
-- deadline reminders to providers who opt in (one 14 days before, one 3 days before, each once).
create table funding_opportunities (
  id uuid primary key default gen_random_uuid(),
  funder text not null,
  programme text not null,
  funds text[] not null default '{}',
  summary text not null default '',
  amount_min_pounds integer,
  amount_max_pounds integer,
  eligibility text not null default '',
  areas text[] not null default '{}',
  deadline date,
  link text not null,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index funding_opportunities_deadline_idx on funding_opportunities (deadline);

create table funding_reminder_subscriptions (
  organisation_id uuid primary key references organisations(id) on delete cascade,
  subscribed_by uuid references users(id) on delete set null,
  subscribed_at timestamptz not null
);

create table funding_reminders_sent (
  opportunity_id uuid not null references funding_opportunities(id) on delete cascade,
  organisation_id uuid not null references organisations(id) on delete cascade,
  days_before integer not null check (days_before in (14, 3)),
  sent_at timestamptz not null,
  primary key (opportunity_id, organisation_id, days_before)
);
