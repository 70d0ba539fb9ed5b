-- Local authority district outlines for the map when no tile server is configured (decision 021).
-- Loaded by `npm run import:boundaries` (and at start-up when the table is empty and the ONS file is
-- in SHARED_DIR) from ONS Local Authority Districts (May 2024) Boundaries UK BUC, Open Government
-- Licence v3.0. `outline` is polygons of delta-encoded rings (src/domain/map-outline.ts); the map
-- draws land inside them and sea around them, since the boundaries are clipped to the coastline.
create table map_areas (
  name text primary key,
  code text,
  label_longitude double precision not null,
  label_latitude double precision not null,
  outline jsonb not null check (jsonb_typeof(outline) = 'array')
);
