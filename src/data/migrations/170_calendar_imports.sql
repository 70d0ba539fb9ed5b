-- Calendars in (issue 10, decision 037). A provider's own calendar (an uploaded .ics file or a URL)
-- read into sessions: each reading is kept as an import that is previewed, then applied (a draft
-- listing) or waits for a coordinator (a live listing). A URL is re-read daily.
create table calendar_imports (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activities(id) on delete cascade,
  source text not null check (source in ('file', 'url')),
  url text,
  sessions jsonb not null,
  skipped jsonb not null,
  fingerprint text not null,
  status text not null check (status in ('preview', 'applied', 'awaiting_approval', 'approved', 'rejected', 'superseded')),
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  decided_at timestamptz
);
create index calendar_imports_activity_idx on calendar_imports (activity_id, created_at);

-- One calendar URL per activity, re-read daily; a failure or a change is told once (not every day).
create table calendar_feeds (
  activity_id uuid primary key references activities(id) on delete cascade,
  url text not null,
  fingerprint text,
  last_read_at timestamptz,
  failure text,
  failure_told boolean not null default false,
  created_at timestamptz not null
);
