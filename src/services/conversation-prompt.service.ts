import { z } from 'zod';
import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ConversationPromptRepository } from '../data/repositories/conversation-prompt.repository.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import { str, trimInvisible } from '../domain/form-fields.ts';

const text = (v: unknown) => trimInvisible(str(v));
export const promptSchema = z.object({
  theme: z.preprocess(text, z.string().min(1, 'Enter a theme, like Places that matter').max(60, 'Theme must be 60 characters or fewer')),
  prompt: z.preprocess(text, z.string().min(1, 'Enter the prompt').max(400, 'Prompt must be 400 characters or fewer')),
});

/** Prompts for talking about heritage, shown beside "what matters"; coordinators keep them. */
export function createConversationPromptService(deps: { db: Db; prompts: ConversationPromptRepository; audit: AuditRepository; clock: Clock }) {
  const { db, prompts, audit, clock } = deps;

  function mustEdit(user: User) {
    if (user.role !== 'coordinator' && user.role !== 'admin') throw new Forbidden();
  }
  function parse(body: unknown) {
    const parsed = promptSchema.safeParse(body ?? {});
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
    return parsed.data;
  }
  async function get(id: string) {
    const p = await prompts.find(id);
    if (!p) throw new NotFound('Prompt');
    return p;
  }
  const record = (user: User, action: AuditAction, id: string, tx: Db) =>
    audit.record({ actorId: user.id, action, subjectType: 'conversation_prompt', subjectId: id }, tx);

  return {
    list: () => prompts.list(),

    async get(user: User, id: string) {
      mustEdit(user);
      return get(id);
    },

    async create(user: User, body: unknown) {
      mustEdit(user);
      const input = parse(body);
      return db.transaction(async (tx) => {
        const id = await prompts.insert({ ...input, by: user.id, at: clock.now() }, tx);
        await record(user, 'prompt.created', id, tx);
        return id;
      });
    },

    async update(user: User, id: string, body: unknown) {
      mustEdit(user);
      await get(id);
      const input = parse(body);
      await db.transaction(async (tx) => {
        await prompts.update(id, { ...input, by: user.id, at: clock.now() }, tx);
        await record(user, 'prompt.updated', id, tx);
      });
    },

    /** Moves a prompt one place up or down. */
    async move(user: User, id: string, direction: unknown) {
      mustEdit(user);
      const all = await prompts.list();
      const i = all.findIndex((p) => p.id === id);
      if (i < 0) throw new NotFound('Prompt');
      const j = direction === 'up' ? i - 1 : direction === 'down' ? i + 1 : -1;
      if (j < 0 || j >= all.length) return;
      const ids = all.map((p) => p.id);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      await db.transaction(async (tx) => {
        await prompts.reorder(ids, tx);
        await record(user, 'prompt.moved', id, tx);
      });
    },

    async remove(user: User, id: string) {
      mustEdit(user);
      await get(id);
      await db.transaction(async (tx) => {
        await prompts.delete(id, tx);
        await record(user, 'prompt.deleted', id, tx);
      });
    },
  };
}

export type ConversationPromptService = ReturnType<typeof createConversationPromptService>;
