import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';

export type ConversationPrompt = { id: string; theme: string; prompt: string; position: number; updatedAt: Date };

type Row = { id: string; theme: string; prompt: string; position: number; updated_at: Date };
const toPrompt = (r: Row): ConversationPrompt => ({ id: r.id, theme: r.theme, prompt: r.prompt, position: r.position, updatedAt: new Date(r.updated_at) });

export function createConversationPromptRepository(db: Db) {
  return {
    async list(): Promise<ConversationPrompt[]> {
      return (await db.query<Row>('select id, theme, prompt, position, updated_at from conversation_prompts order by position, theme, id')).map(toPrompt);
    },

    async find(id: string): Promise<ConversationPrompt | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const row = await maybeOne<Row>(db, 'select id, theme, prompt, position, updated_at from conversation_prompts where id = $1', [id]);
      return row ? toPrompt(row) : undefined;
    },

    async insert(p: { theme: string; prompt: string; by: string; at: Date }, tx: Db = db) {
      const [row] = await tx.query<{ id: string }>(
        `insert into conversation_prompts (theme, prompt, position, updated_by, updated_at)
         values ($1, $2, (select coalesce(max(position), 0) + 1 from conversation_prompts), $3, $4) returning id`,
        [p.theme, p.prompt, p.by, p.at],
      );
      return row!.id;
    },

    async update(id: string, p: { theme: string; prompt: string; by: string; at: Date }, tx: Db = db) {
      await tx.query('update conversation_prompts set theme = $2, prompt = $3, updated_by = $4, updated_at = $5 where id = $1', [
        id,
        p.theme,
        p.prompt,
        p.by,
        p.at,
      ]);
    },

    /** Rewrites every position as 1..n in the given order. */
    async reorder(ids: readonly string[], tx: Db = db) {
      await tx.query(`update conversation_prompts c set position = o.n from unnest($1::uuid[]) with ordinality as o(id, n) where c.id = o.id`, [ids]);
    },

    async delete(id: string, tx: Db = db) {
      await tx.query('delete from conversation_prompts where id = $1', [id]);
    },
  };
}

export type ConversationPromptRepository = ReturnType<typeof createConversationPromptRepository>;
