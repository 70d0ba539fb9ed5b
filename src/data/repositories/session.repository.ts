import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';

export type StoredSession = { userId: string; lastSeenAt: Date };

export function createSessionRepository(db: Db) {
  return {
    async insert(tokenHash: string, userId: string, createdAt: Date, expiresAt: Date) {
      await db.query('insert into user_sessions (token_hash, user_id, created_at, last_seen_at, expires_at) values ($1, $2, $3, $3, $4)', [
        tokenHash,
        userId,
        createdAt,
        expiresAt,
      ]);
    },
    /** A session still inside both its absolute limit and its idle limit. */
    async findLive(tokenHash: string, now: Date, idleCutoff: Date): Promise<StoredSession | undefined> {
      const row = await maybeOne<{ user_id: string; last_seen_at: Date }>(
        db,
        'select user_id, last_seen_at from user_sessions where token_hash = $1 and expires_at > $2 and last_seen_at > $3',
        [tokenHash, now, idleCutoff],
      );
      return row ? { userId: row.user_id, lastSeenAt: new Date(row.last_seen_at) } : undefined;
    },
    async touch(tokenHash: string, at: Date) {
      await db.query('update user_sessions set last_seen_at = $2 where token_hash = $1 and last_seen_at < $2', [tokenHash, at]);
    },
    async delete(tokenHash: string) {
      await db.query('delete from user_sessions where token_hash = $1', [tokenHash]);
    },
    /** Removes sessions past their absolute limit or idle for too long; returns how many. */
    async deleteExpired(now: Date, idleCutoff: Date): Promise<number> {
      const rows = await db.query<{ token_hash: string }>('delete from user_sessions where expires_at <= $1 or last_seen_at <= $2 returning token_hash', [
        now,
        idleCutoff,
      ]);
      return rows.length;
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
