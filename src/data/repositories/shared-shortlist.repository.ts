import type { Db } from '../database.ts';

export type SharedShortlist = { code: string; activityIds: string[]; createdAt: Date };

/** Shared shortlists (shared_shortlists): a code and the activity ids, in order. */
export function createSharedShortlistRepository(db: Db) {
  return {
    async find(code: string): Promise<SharedShortlist | undefined> {
      const [row] = await db.query<{ code: string; activity_ids: string[]; created_at: Date | string }>(
        'select code, activity_ids, created_at from shared_shortlists where code = $1',
        [code],
      );
      return row ? { code: row.code, activityIds: row.activity_ids.map(String), createdAt: new Date(row.created_at) } : undefined;
    },

    /** The code already given to exactly this list (same activities, same order), if any. */
    async codeFor(activityIds: readonly string[]): Promise<string | undefined> {
      const [row] = await db.query<{ code: string }>('select code from shared_shortlists where activity_ids = $1::uuid[] order by created_at limit 1', [
        activityIds,
      ]);
      return row?.code;
    },

    /** Stores the list under `code`; false when that code is taken. */
    async insert(code: string, activityIds: readonly string[], createdAt: Date): Promise<boolean> {
      const rows = await db.query<{ code: string }>(
        'insert into shared_shortlists (code, activity_ids, created_at) values ($1, $2::uuid[], $3) on conflict (code) do nothing returning code',
        [code, activityIds, createdAt],
      );
      return rows.length === 1;
    },
  };
}

export type SharedShortlistRepository = ReturnType<typeof createSharedShortlistRepository>;
