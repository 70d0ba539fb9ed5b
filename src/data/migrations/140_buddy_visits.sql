-- Accompanied visits and lone working (issue 9, decision 028). A visit belongs to a buddy-scheme
-- referral: it goes with the referral's timeline, export, erasure and anonymisation.

-- Lone-working settings per buddy scheme: how long after the expected end a missed check-out
-- raises an alert to the volunteer lead, how long later it goes on to the safeguarding contact.
alter table buddy_schemes add column checkout_grace_minutes integer not null default 30 check (checkout_grace_minutes between 5 and 240);
alter table buddy_schemes add column escalate_after_minutes integer not null default 30 check (escalate_after_minutes between 5 and 240);
alter table buddy_schemes add column safeguarding_name text;
alter table buddy_schemes add column safeguarding_phone text;
alter table buddy_schemes add column safeguarding_email text;

create table buddy_visits (
  id uuid primary key default gen_random_uuid(),
  referral_id uuid not null references referrals(id) on delete cascade,
  volunteer_id uuid not null references volunteers(id),
  -- The activity and the real session the visit goes to (chosen from its schedule).
  activity_id uuid references activities(id) on delete set null,
  session_date date not null,
  meets_at timestamptz not null,
  meeting_point text not null,
  status text not null default 'planned' check (status in ('planned', 'checked_in', 'checked_out', 'cancelled')),
  planned_by uuid references users(id) on delete set null,
  checked_in_at timestamptz,
  expected_end_at timestamptz,
  checked_out_at timestamptz,
  -- After the visit, in a few taps: whether it happened, how long, how the person seemed, a note.
  happened boolean,
  duration_minutes integer check (duration_minutes between 0 and 720),
  person_seemed text,
  note_for_lead text,
  recorded_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint buddy_visits_checked_in check ((status in ('checked_in', 'checked_out')) = (checked_in_at is not null and expected_end_at is not null)),
  constraint buddy_visits_checked_out check ((status = 'checked_out') = (checked_out_at is not null))
);
create index buddy_visits_referral_idx on buddy_visits (referral_id);
create index buddy_visits_volunteer_idx on buddy_visits (volunteer_id, meets_at);
create index buddy_visits_running_idx on buddy_visits (expected_end_at) where status = 'checked_in';

-- One alert per visit and reason, whoever detects it: the unique key makes a second detector's
-- insert a no-op, and the alert is written in the same transaction as its outbox messages.
create table visit_alerts (
  id uuid primary key default gen_random_uuid(),
  visit_id uuid not null references buddy_visits(id) on delete cascade,
  reason text not null check (reason in ('missed_check_out', 'help_requested')),
  raised_at timestamptz not null,
  escalated_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references users(id) on delete set null,
  unique (visit_id, reason)
);
create index visit_alerts_open_idx on visit_alerts (raised_at) where acknowledged_at is null;

-- Every step of an alert, with its time: raised, lead told, safeguarding contact told,
-- emergency contact shown, acknowledged.
create table visit_alert_events (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  alert_id uuid not null references visit_alerts(id) on delete cascade,
  at timestamptz not null,
  step text not null check (step in ('raised', 'lead_told', 'safeguarding_told', 'emergency_contact_shown', 'acknowledged', 'checked_out')),
  actor_id uuid references users(id) on delete set null,
  detail text not null default ''
);
create index visit_alert_events_alert_idx on visit_alert_events (alert_id, at);
