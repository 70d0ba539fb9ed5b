-- API tokens for systems that send referrals (issue 13, decision 051). An administrator issues one to a
-- referring organisation; only its SHA-256 is kept, the token itself is shown once. Revoking keeps the row
-- (the audit trail and the referrals received name it) and refuses the token from then on.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id) on delete cascade,
  label text not null check (length(label) between 1 and 100),
  token_hash text not null unique,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references users(id) on delete set null
);
create index api_tokens_organisation_idx on api_tokens (organisation_id, created_at);
