import type { Db } from '../database.ts';

export type FailureScope = 'account' | 'address';

/** Failed sign-ins by keyed hash of the account's email or the client's address (decision 015). */
export function createSignInFailureRepository(db: Db) {
  return {
    async record(at: Date, keys: { scope: FailureScope; keyHash: string }[]) {
      for (const k of keys) {
        await db.query('insert into sign_in_failures (scope, key_hash, failed_at) values ($1, $2, $3)', [k.scope, k.keyHash, at]);
      }
    },
    /** Times of this key's failures since `since`, oldest first. */
    async since(scope: FailureScope, keyHash: string, since: Date): Promise<Date[]> {
      const rows = await db.query<{ failed_at: Date }>(
        'select failed_at from sign_in_failures where scope = $1 and key_hash = $2 and failed_at > $3 order by failed_at',
        [scope, keyHash, since],
      );
      return rows.map((r) => new Date(r.failed_at));
    },
    async clear(scope: FailureScope, keyHash: string) {
      await db.query('delete from sign_in_failures where scope = $1 and key_hash = $2', [scope, keyHash]);
    },
    async deleteOlderThan(cutoff: Date): Promise<number> {
      const rows = await db.query<{ id: string }>('delete from sign_in_failures where failed_at <= $1 returning id', [cutoff]);
      return rows.length;
    },
  };
}

export type SignInFailureRepository = ReturnType<typeof createSignInFailureRepository>;
