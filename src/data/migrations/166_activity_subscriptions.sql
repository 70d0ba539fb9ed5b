-- "Tell me about new activities near me" (issue 10, decision 036): an email address, an area and
-- interests, nothing else. Double opt-in: a subscription sends nothing until its confirmation link
-- (single use; only its hash is kept) is followed; unconfirmed ones are deleted after 7 days.
-- Erasing a subscription is deleting its row (unsubscribing does exactly that).
create table activity_subscriptions (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  area_label text not null,
  easting integer not null,
  northing integer not null,
  radius_miles integer not null check (radius_miles between 1 and 50),
  interests text[] not null default '{}',
  frequency text not null check (frequency in ('weekly', 'monthly')),
  confirm_token_hash text unique,
  -- A connector subscribing for a group uses their own email; the account is noted so they see it.
  created_by uuid references users(id) on delete cascade,
  created_at timestamptz not null,
  confirmed_at timestamptz,
  last_sent_at timestamptz
);
create index activity_subscriptions_due_idx on activity_subscriptions (confirmed_at, last_sent_at);
