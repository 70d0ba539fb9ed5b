-- OpenActive RPDE feed of session series (decision 045). One row per activity that has ever been
-- published: its current state in the feed ('updated' with its data, or 'deleted' with none: a
-- tombstone kept so consumers learn the listing left), and `modified`, the change stamp the feed is
-- ordered and paged by (milliseconds from the injected clock, strictly rising between syncs).
-- `fingerprint` is what the data was built from, so a sync rewrites only what changed. No foreign key:
-- a tombstone outlives a deleted activity.
create table openactive_items (
  id uuid primary key,
  modified bigint not null,
  state text not null check (state in ('updated', 'deleted')),
  fingerprint text,
  data jsonb,
  check ((state = 'updated') = (data is not null))
);
create index openactive_items_feed_idx on openactive_items (modified, id);
