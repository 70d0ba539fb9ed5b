-- Past grants from 360Giving open data (issue 12, decision 047): context on /funding for an area,
-- "who has funded heritage and wellbeing work near here". Public data about organisations, no people.
create table past_awards (
  identifier text primary key,
  title text not null,
  description text not null default '',
  amount_awarded numeric(14, 2) not null,
  currency text not null default 'GBP',
  award_date date not null,
  recipient_name text not null,
  recipient_id text,
  funder_name text not null,
  funder_id text,
  location_names text[] not null default '{}',
  location_codes text[] not null default '{}',
  imported_at timestamptz not null
);
create index past_awards_date_idx on past_awards (award_date desc);
