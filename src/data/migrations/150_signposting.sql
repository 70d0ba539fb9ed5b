-- Heritage Connectors' signposting (issue 9, decision 029): conversations recorded anonymously at the
-- information points, and connectors' shifts there. A conversation holds nothing about the person
-- met: no name, no contact details, no free text. It is attributed to the connector who recorded it
-- (so they can correct their own, and coordinators can count by connector).
create table signposting_conversations (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id),
  connector_id uuid not null references users(id),
  held_on date not null,
  info_point text not null check (info_point in ('website_help', 'phone_line', 'heritage_cafe', 'library', 'gp_surgery', 'out_and_about')),
  needs text[] not null default '{}',
  interests text[] not null default '{}',
  activity_ids uuid[] not null default '{}',
  link_worker boolean not null default false,
  other_services text[] not null default '{}',
  referral_followed text not null check (referral_followed in ('yes', 'no', 'not_known')),
  -- The form's one-time key: pressing "Save" twice on a slow phone records one conversation, not two.
  idempotency_key text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index signposting_conversations_idempotency_idx on signposting_conversations (connector_id, idempotency_key) where idempotency_key is not null;
create index signposting_conversations_scheme_idx on signposting_conversations (scheme_id, held_on);
create index signposting_conversations_connector_idx on signposting_conversations (connector_id, held_on);

-- A connector's duty at an information point: the phone line's opening hours, the monthly Heritage Café.
-- An open shift has no connector yet; a connector of the scheme may sign up to it.
create table connector_shifts (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id),
  info_point text not null check (info_point in ('website_help', 'phone_line', 'heritage_cafe', 'library', 'gp_surgery', 'out_and_about')),
  place text not null default '',
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  connector_id uuid references users(id),
  created_by uuid references users(id),
  created_at timestamptz not null,
  constraint connector_shifts_end_after_start check (ends_at > starts_at)
);
create index connector_shifts_scheme_idx on connector_shifts (scheme_id, starts_at);
