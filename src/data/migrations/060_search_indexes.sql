-- Search across England with no place given sorts live listings by their next session: an index in
-- that order lets the first page stop after 20 rows (measured 74 ms → 1.3 ms at 50,000 activities).
create index activities_live_next_idx on activities (next_session_at, title, id) where status = 'live';
