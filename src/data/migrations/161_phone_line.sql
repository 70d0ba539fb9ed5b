-- The phone line (issue 10, decision 032). Listings sent to a caller by text or email go through the
-- outbox like every message, but the caller's number or address is forgotten once the message has
-- been handed over (or has failed for good): `forget_recipient` messages have their recipient blanked.
alter table notifications add column forget_recipient boolean not null default false;

-- What was sent from the phone line is counted, never who it went to.
create table phone_line_sends (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('text', 'email', 'letter')),
  activity_count integer not null check (activity_count between 1 and 10),
  sent_on date not null,
  scheme_id uuid references schemes(id),
  created_at timestamptz not null
);
create index phone_line_sends_scheme_idx on phone_line_sends (scheme_id, sent_on);
