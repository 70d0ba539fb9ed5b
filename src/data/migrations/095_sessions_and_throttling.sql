-- Sessions end after a spell of inactivity as well as at an absolute limit (decision 015).
alter table user_sessions add column last_seen_at timestamptz;
update user_sessions set last_seen_at = created_at;
alter table user_sessions alter column last_seen_at set not null;
alter table user_sessions alter column created_at drop default;
create index user_sessions_expiry_idx on user_sessions (expires_at);
create index user_sessions_last_seen_idx on user_sessions (last_seen_at);

-- Failed sign-ins, counted per account and per client address. Both keys are keyed hashes
-- (HMAC with SESSION_SECRET): neither an email address nor an IP address is stored.
create table sign_in_failures (
  id bigint generated always as identity primary key,
  scope text not null check (scope in ('account', 'address')),
  key_hash text not null,
  failed_at timestamptz not null
);
create index sign_in_failures_key_idx on sign_in_failures (scope, key_hash, failed_at);
create index sign_in_failures_failed_at_idx on sign_in_failures (failed_at);
