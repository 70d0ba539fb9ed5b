-- One recording per memory (issue 11, decision 048): only the cleaned copy is kept (tags and metadata
-- removed), with its transcript, which is required (a text alternative for the audio).
create table contribution_recordings (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid not null unique references contributions(id) on delete cascade,
  format text not null check (format in ('mp3', 'wav')),
  duration_seconds integer not null check (duration_seconds >= 0),
  byte_size integer not null,
  transcript text not null check (length(transcript) between 1 and 20000),
  bytes bytea not null,
  added_by uuid references users(id) on delete set null,
  created_at timestamptz not null
);
create index contribution_recordings_added_by_idx on contribution_recordings (added_by, created_at);
