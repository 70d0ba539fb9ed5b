-- Information points as records (issue 10, decision 035): the Heritage Café (where, when), the phone
-- line (number and opening hours) and the libraries that hold the printed pack. Each belongs to a
-- scheme (its area) and is kept by that scheme's coordinators. Nothing personal is stored here.
create table information_points (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id),
  kind text not null check (kind in ('heritage_cafe', 'phone_line', 'library')),
  name text not null check (length(name) between 1 and 120),
  description text not null default '',
  place_name text not null default '',
  address_line text not null default '',
  town text not null default '',
  -- Stored normalised (decision 023): NR302SH, +441632960000.
  postcode text,
  phone text,
  -- Opening hours in words, for what the times below cannot say ("Tuesday to Saturday, 9am to 5pm").
  hours_note text not null default '',
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index information_points_scheme_idx on information_points (scheme_id, kind);

-- When it is open or meets: weekly on a weekday, or monthly on the nth (or last, -1) weekday.
-- These become sessions for the calendar feed and the pack (domain/information-points.ts).
create table information_point_times (
  id uuid primary key default gen_random_uuid(),
  information_point_id uuid not null references information_points(id) on delete cascade,
  frequency text not null check (frequency in ('weekly', 'monthly')),
  weekday integer not null check (weekday between 1 and 7),
  week_of_month integer check (week_of_month in (1, 2, 3, 4, -1)),
  start_date date not null,
  start_time time not null,
  end_time time not null,
  constraint information_point_times_end_after_start check (end_time > start_time),
  constraint information_point_times_monthly_week check ((frequency = 'monthly') = (week_of_month is not null))
);
create index information_point_times_point_idx on information_point_times (information_point_id);

-- Connectors' shifts (migration 150) at an information point: who will be there. Older shifts name only
-- the kind of point; they count for the scheme's point of that kind.
alter table connector_shifts add column information_point_id uuid references information_points(id) on delete set null;
create index connector_shifts_point_idx on connector_shifts (information_point_id, starts_at);
