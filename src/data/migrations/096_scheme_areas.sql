-- A scheme's area: the postcode districts (outcodes, like NR30) it covers. Coordinators moderate the
-- directory within their scheme's area: a listing where its place is, an organisation where any of
-- its places is (docs/decisions/016-coordinators-moderate-their-area.md). Areas may overlap.
create table scheme_outcodes (
  scheme_id uuid not null references schemes(id) on delete cascade,
  outcode text not null check (outcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$'),
  primary key (scheme_id, outcode)
);
create index scheme_outcodes_outcode_idx on scheme_outcodes (outcode);

-- The three pilot areas, for databases made before areas existed (new demo databases get them from the seed).
insert into scheme_outcodes (scheme_id, outcode)
select s.id, o.outcode
from schemes s
join (values
  ('Great Yarmouth and Waveney', 'NR29'), ('Great Yarmouth and Waveney', 'NR30'), ('Great Yarmouth and Waveney', 'NR31'),
  ('Great Yarmouth and Waveney', 'NR32'), ('Great Yarmouth and Waveney', 'NR33'), ('Great Yarmouth and Waveney', 'NR34'),
  ('Great Yarmouth and Waveney', 'NR35'), ('Great Yarmouth and Waveney', 'IP18'),
  ('Frome', 'BA11'),
  ('Nottingham', 'NG1'), ('Nottingham', 'NG2'), ('Nottingham', 'NG3'), ('Nottingham', 'NG4'), ('Nottingham', 'NG5'),
  ('Nottingham', 'NG6'), ('Nottingham', 'NG7'), ('Nottingham', 'NG8'), ('Nottingham', 'NG9'), ('Nottingham', 'NG11'), ('Nottingham', 'NG15')
) as o(area, outcode) on o.area = s.area
on conflict do nothing;
