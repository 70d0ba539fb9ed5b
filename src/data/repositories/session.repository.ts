import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';

export function createSessionRepository(db: Db) {
  return {
    async insert(tokenHash: string, userId: string, createdAt: Date, expiresAt: Date) {
      await db.query('insert into user_sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
        tokenHash,
        userId,
        createdAt,
        expiresAt,
      ]);
    },
    async findUserId(tokenHash: string, now: Date): Promise<string | undefined> {
      const row = await maybeOne<{ user_id: string }>(
        db,
        'select user_id from user_sessions where token_hash = $1 and expires_at > $2',
        [tokenHash, now],
      );
      return row?.user_id;
    },
    async delete(tokenHash: string) {
      await db.query('delete from user_sessions where token_hash = $1', [tokenHash]);
    },
    async deleteExpired(now: Date) {
      await db.query('delete from user_sessions where expires_at <= $1', [now]);
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
