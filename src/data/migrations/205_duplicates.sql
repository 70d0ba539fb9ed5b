-- Likely duplicates (issue 12, docs/decisions/047-duplicates-and-funding.md). A coordinator merges two
-- records: the losing one keeps its row (history, audit trail) and points at the kept one, so its old
-- public links redirect there. "Not the same" is remembered per pair (smaller id first).
alter table organisations add column merged_into uuid references organisations(id);
alter table places add column merged_into uuid references places(id);
alter table activities add column merged_into uuid references activities(id);

create table duplicate_dismissals (
  kind text not null check (kind in ('organisation', 'place', 'activity')),
  first_id uuid not null,
  second_id uuid not null check (first_id < second_id),
  dismissed_by uuid references users(id) on delete set null,
  dismissed_at timestamptz not null,
  primary key (kind, first_id, second_id)
);
