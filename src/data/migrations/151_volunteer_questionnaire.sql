-- The volunteer questionnaire at training and 3 months later (issue 9, decision 034): one row per
-- volunteer, time point and instrument. `scores` holds one score per measure in the registry's order.
-- The organisation and scheme are copied so the report reads this table alone; the row goes with the
-- volunteer (erasure deletes it).
create table volunteer_questionnaire_responses (
  id uuid primary key default gen_random_uuid(),
  volunteer_id uuid not null references volunteers(id) on delete cascade,
  scheme_id uuid not null references schemes(id),
  organisation_id uuid not null references organisations(id),
  time_point text not null check (time_point in ('training', 'three_months')),
  instrument text not null check (instrument in ('volunteer_training')),
  answers jsonb not null,
  scores float8[] not null,
  completed_at timestamptz not null,
  unique (volunteer_id, time_point, instrument)
);
create index volunteer_questionnaire_responses_scheme_idx on volunteer_questionnaire_responses (scheme_id);
