-- The ONS 2011 Rural Urban Classification of each neighbourhood (LSOA), when loaded (decision 050):
-- `npm run import:rural-urban <csv>`. Kept apart from `lsoas` because it is loaded on its own and
-- optional; `rural` is set by the importer from the domain rule (codes D1 to F2 are rural), so the
-- SQL that uses it does not repeat the rule. No foreign key: re-importing the Indices replaces `lsoas`.
create table lsoa_rural_urban (
  lsoa_code text primary key check (lsoa_code ~ '^[EW][0-9]{8}$'),
  ruc_code text not null check (ruc_code in ('A1', 'B1', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'F1', 'F2')),
  ruc_name text not null,
  rural boolean not null
);
