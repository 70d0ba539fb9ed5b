import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import { UUID_PATTERN } from '../../domain/ids.ts';
import { SEARCH_CONFIG } from './text-search.sql.ts';

/** Other words for what people search for: a search for `searchedFor` also finds listings with `alsoFind`. */
export type SearchSynonym = { id: string; searchedFor: string; alsoFind: string };

type Row = { id: string; searched_for: string; also_find: string };
const toSynonym = (r: Row): SearchSynonym => ({ id: r.id, searchedFor: r.searched_for, alsoFind: r.also_find });

export function createSearchSynonymRepository(db: Db) {
  return {
    async list(): Promise<SearchSynonym[]> {
      return (await db.query<Row>('select id, searched_for, also_find from search_synonyms order by searched_for, also_find')).map(toSynonym);
    },

    async find(id: string): Promise<SearchSynonym | undefined> {
      if (!UUID_PATTERN.test(id)) return undefined;
      const row = await maybeOne<Row>(db, 'select id, searched_for, also_find from search_synonyms where id = $1', [id]);
      return row ? toSynonym(row) : undefined;
    },

    /**
     * For each phrase that has synonyms, the words it also finds. Phrases and synonyms are compared
     * stemmed, so "ancestors" finds the synonym for "ancestor".
     */
    async alsoFind(phrases: readonly string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (phrases.length === 0) return out;
      const rows = await db.query<{ phrase: string; also_find: string }>(
        `select g.phrase, s.also_find from unnest($1::text[]) as g(phrase)
           join search_synonyms s on s.searched_for_key = plainto_tsquery('${SEARCH_CONFIG}', g.phrase)::text
          order by g.phrase, s.also_find`,
        [phrases],
      );
      for (const r of rows) out.set(r.phrase, [...(out.get(r.phrase) ?? []), r.also_find]);
      return out;
    },

    /** Adds each pair not yet listed; returns the ids of those added. */
    async insert(searchedFor: string, alsoFind: readonly string[], tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `insert into search_synonyms (searched_for, also_find) select $1, unnest($2::text[])
         on conflict (searched_for, also_find) do nothing returning id`,
        [searchedFor, alsoFind],
      );
      return rows.map((r) => r.id);
    },

    async delete(id: string, tx: Db = db) {
      await tx.query('delete from search_synonyms where id = $1', [id]);
    },
  };
}

export type SearchSynonymRepository = ReturnType<typeof createSearchSynonymRepository>;
