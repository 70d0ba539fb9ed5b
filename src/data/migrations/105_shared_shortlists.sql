-- Shortlists someone chose to share: a short code for a list of activity ids, nothing about who made
-- it or who opens it (docs/decisions/020-shared-shortlist-codes.md). A snapshot: later changes to the
-- sharer's own shortlist (a cookie) do not change it. Activities that leave search drop out when shown.
create table shared_shortlists (
  code text primary key check (code ~ '^[2-9A-HJ-NP-Z]{8}$'),
  activity_ids uuid[] not null check (cardinality(activity_ids) between 1 and 30),
  created_at timestamptz not null
);
-- Sharing the same list again gives the same code.
create index shared_shortlists_activity_ids_idx on shared_shortlists (activity_ids);
