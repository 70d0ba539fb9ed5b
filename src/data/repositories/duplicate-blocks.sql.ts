/**
 * Pairs of rows whose names are at least `threshold` alike by `pg_trgm`'s similarity (shared trigrams
 * over all trigrams), found without comparing every pair and whatever the planner knows of the table:
 * prefix filtering. Two trigram sets that alike must share one of each set's rarest
 * `size − ⌈threshold × size⌉ + 1` trigrams (rarest across the rows), so only rows sharing one of
 * those are compared.
 *
 * `rows` names an earlier CTE with columns `id` and `words`; `threshold` is a parameter such as `$5`.
 * `ctes` goes into the same WITH list; `pairs` selects `a, b` (a < b).
 */
export function similarNames(rows: string, threshold: string): { ctes: string; pairs: string } {
  const t = `${threshold}::float8`;
  return {
    ctes: `${rows}_trigrams as materialized (select id, unnest(show_trgm(words)) as tg from ${rows}),
      ${rows}_rarity as materialized (select tg, count(*) as n from ${rows}_trigrams group by tg),
      ${rows}_prefix as materialized (
        select id, tg from (
          select g.id, g.tg, row_number() over (partition by g.id order by r.n, g.tg) as rank, count(*) over (partition by g.id) as size
          from ${rows}_trigrams g join ${rows}_rarity r on r.tg = g.tg) ranked
        where rank <= size - ceil(${t} * size) + 1)`,
    pairs: `select distinct x.id as a, y.id as b
      from ${rows}_prefix x join ${rows}_prefix y on y.tg = x.tg and x.id < y.id
      join ${rows} xw on xw.id = x.id join ${rows} yw on yw.id = y.id
      where similarity(xw.words, yw.words) >= ${t}`,
  };
}

/**
 * Pairs of rows within `metres` of each other, by grid squares of that size (a row meets the rows
 * in its own and the eight squares around it): hash joins, so it is quick without table statistics.
 *
 * `rows` names an earlier CTE with columns `id`, `easting` and `northing`; `metres` is a parameter
 * such as `$3`. Gives `select a, b` (a < b).
 */
export function nearbyPairs(rows: string, metres: string): string {
  const m = `${metres}::float8`;
  return `select x.id as a, y.id as b
    from (select id, easting, northing, floor(easting / ${m})::int as cx, floor(northing / ${m})::int as cy from ${rows}) x
    join (select id, easting, northing, floor(easting / ${m})::int + dx as cx, floor(northing / ${m})::int + dy as cy
          from ${rows} cross join (values (-1), (0), (1)) as ox(dx) cross join (values (-1), (0), (1)) as oy(dy)) y
      on y.cx = x.cx and y.cy = x.cy and x.id < y.id
    where (x.easting - y.easting)::float8 ^ 2 + (x.northing - y.northing)::float8 ^ 2 <= ${m} ^ 2`;
}
