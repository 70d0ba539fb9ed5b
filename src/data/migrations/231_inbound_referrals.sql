-- Referrals received as FHIR ServiceRequests (issue 13, decision 051). Each is a draft referral that waits
-- in its scheme's queue until a link worker takes it into their caseload. The sender's identifier makes a
-- resend create nothing new: it is unique per sending organisation. The row names the person it made, so
-- erasing them deletes it (erasure deletes every row that must name a participant, decision 013).
create table inbound_referrals (
  referral_id uuid primary key references referrals(id) on delete cascade,
  participant_id uuid not null references participants(id) on delete cascade,
  scheme_id uuid not null references schemes(id) on delete cascade,
  organisation_id uuid not null references organisations(id) on delete cascade,
  api_token_id uuid references api_tokens(id) on delete set null,
  identifier_system text not null,
  identifier_value text not null,
  received_at timestamptz not null,
  taken_by uuid references users(id) on delete set null,
  taken_at timestamptz,
  unique (organisation_id, identifier_system, identifier_value)
);
create index inbound_referrals_waiting_idx on inbound_referrals (scheme_id, received_at) where taken_at is null;
