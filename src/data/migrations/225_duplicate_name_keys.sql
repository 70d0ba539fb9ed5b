-- Likely duplicates at national scale (issue 12, decision 047 addendum): candidate pairs are found in
-- SQL by blocks (same postcode, nearby, same contact details, same list entry, similar names) and only
-- those pairs are scored in the application. A name is compared on its distinctive words, as
-- `distinctiveWords` in src/domain/duplicates.ts makes them (src/domain/duplicates.sql.test.ts checks
-- that both give the same words): accents, case and punctuation set aside, "St" → "saint", generic
-- words (Trust, Society, Friends…) dropped unless nothing else is left.
create function duplicate_name(name text) returns text language sql immutable parallel safe set search_path from current as $$
  select regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
      trim(regexp_replace(regexp_replace(replace(lower(public.unaccent('public.unaccent'::regdictionary, name)), '&', ' and '),
        '[''’‘`]', '', 'g'), '[^a-z0-9]+', ' ', 'g')),
      '\mst\M', 'saint', 'g'), '\msts\M', 'saints', 'g'), '\mmt\M', 'mount', 'g'), '\mrd\M', 'road', 'g'),
      '\mctr\M', 'centre', 'g'), '\mcenter\M', 'centre', 'g'), '^the ', ''), '^the$', ''), '\s+', ' ', 'g')
$$;

create function duplicate_words(name text) returns text language sql immutable parallel safe set search_path from current as $$
  select coalesce(nullif(trim(regexp_replace(regexp_replace(duplicate_name(name),
    '\m(the|and|of|for|in|at|trust|society|group|club|cic|ltd|limited|charity|association|network|collective|community|project|friends|incorporated|inc|org|organisation|partnership|cio)\M',
    ' ', 'g'), '\s+', ' ', 'g')), ''), duplicate_name(name))
$$;

create index places_postcode_compact_idx on places (upper(regexp_replace(postcode, '\s', '', 'g'))) where merged_into is null;
create index places_nhle_idx on places (nhle_list_entry) where nhle_list_entry is not null and merged_into is null;
