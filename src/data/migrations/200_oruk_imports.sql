-- Importing directories from Open Referral UK feeds (decision 046).
-- A source is a feed's address (or a saved file's name); a coordinator or administrator may mark it trusted,
-- and then what it brings goes straight live instead of into the review queue.
create table import_sources (
  id uuid primary key default gen_random_uuid(),
  address text not null unique,
  name text not null,
  trusted boolean not null default false,
  trusted_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- One pass through a feed. A run that stops part-way ('running' with no finish) is resumed from the page after
-- last_page_done by the next run of the same source.
create table import_runs (
  id uuid primary key default gen_random_uuid(),
  source_id uuid not null references import_sources(id) on delete cascade,
  feed_version text check (feed_version in ('1.0', '3.0')),
  status text not null check (status in ('running', 'finished', 'failed')),
  last_page_done integer not null default 0,
  next_address text,
  created integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  rejected integer not null default 0,
  message text,
  started_by uuid references users(id) on delete set null,
  started_at timestamptz not null,
  finished_at timestamptz
);
create index import_runs_source_idx on import_runs (source_id, started_at desc);

-- What happened to each record of a run, row by row, with the reason (the report).
create table import_run_rows (
  run_id uuid not null references import_runs(id) on delete cascade,
  seq integer not null,
  page integer not null,
  external_id text not null,
  name text not null,
  outcome text not null check (outcome in ('created', 'updated', 'unchanged', 'rejected', 'note')),
  reason text not null default '',
  primary key (run_id, seq)
);

-- Lineage: which Waymark record came from which record of which source. Source ids are any text.
create table import_lineage (
  source_id uuid not null references import_sources(id) on delete cascade,
  kind text not null check (kind in ('organisation', 'place', 'activity')),
  external_id text not null,
  waymark_id uuid not null,
  content_hash text not null default '',
  last_run_id uuid references import_runs(id) on delete set null,
  imported_at timestamptz not null,
  primary key (source_id, kind, external_id)
);
create index import_lineage_waymark_idx on import_lineage (waymark_id);

-- The editable mapping from a feed's taxonomy terms (by lower-case label or id) onto Waymark's vocabularies.
-- vocabulary and code null: the term is known and deliberately not used.
create table import_term_mappings (
  term text primary key,
  vocabulary text,
  code text,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null,
  check ((vocabulary is null) = (code is null))
);

-- Terms a source used that no mapping covers, with how many records carried each: listed, never dropped silently.
create table import_unmapped_terms (
  source_id uuid not null references import_sources(id) on delete cascade,
  term text not null,
  label text not null,
  records integer not null,
  primary key (source_id, term)
);
