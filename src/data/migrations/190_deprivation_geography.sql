-- Neighbourhoods (LSOAs, 2011 geography) with the English Indices of Deprivation and their population,
-- loaded by `npm run import:deprivation` (decision 044). `lad_code` is the local authority district
-- the LSOA is in today (2024 codes, the ones Code-Point's admin_district and map_areas use);
-- `lad_code_published` is the one the IoD file gave (2019 codes). The position is the LSOA's centroid
-- from the centroids file (a polygon centroid: see decision 044 for what that means).
create table lsoas (
  code text primary key check (code ~ '^[EW][0-9]{8}$'),
  name text not null,
  lad_code text not null,
  lad_code_published text not null,
  lad_name text not null,
  imd_edition integer not null,
  imd_rank integer not null check (imd_rank > 0),
  imd_decile integer not null check (imd_decile between 1 and 10),
  population integer,
  easting integer,
  northing integer,
  pos point generated always as (case when easting is null then null else point(easting, northing) end) stored
);
create index lsoas_pos_idx on lsoas using gist (pos);
create index lsoas_lad_idx on lsoas (lad_code);
create index lsoas_core20_idx on lsoas (population desc) where imd_decile <= 2;

-- Each postcode's neighbourhood: the nearest LSOA centroid within the postcode's local authority
-- district (decision 044). Filled after both the postcodes and the deprivation data are loaded; a
-- person's or place's postcode gives an IMD decile through it without storing anything more about them.
create table postcode_lsoas (
  postcode text primary key,
  lsoa_code text not null references lsoas(code) on delete cascade
);
create index postcode_lsoas_lsoa_idx on postcode_lsoas (lsoa_code);

-- A scheme's area as local authorities (for insight). A scheme without any is drawn from its
-- postcode districts (scheme_outcodes) instead.
create table scheme_local_authorities (
  scheme_id uuid not null references schemes(id) on delete cascade,
  lad_code text not null check (lad_code ~ '^[EW][0-9]{8}$'),
  primary key (scheme_id, lad_code)
);

-- Two pilot areas are whole local authorities (Great Yarmouth; East Suffolk, which holds Waveney;
-- Nottingham). Frome is a town in Somerset, so it keeps its postcode district.
insert into scheme_local_authorities (scheme_id, lad_code)
select s.id, o.lad_code
from schemes s
join (values
  ('Great Yarmouth and Waveney', 'E07000145'), ('Great Yarmouth and Waveney', 'E07000244'),
  ('Nottingham', 'E06000018')
) as o(area, lad_code) on o.area = s.area
on conflict do nothing;
