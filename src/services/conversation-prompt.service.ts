import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ConversationPromptRepository } from '../data/repositories/conversation-prompt.repository.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';

/** A prompt as a coordinator writes it (parsed at the edge). */
export type PromptInput = { theme: string; prompt: string };

/** Prompts for talking about heritage, shown beside "what matters"; coordinators keep them. */
export function createConversationPromptService(deps: { db: Db; prompts: ConversationPromptRepository; audit: AuditRepository; clock: Clock }) {
  const { db, prompts, audit, clock } = deps;

  function mustEdit(user: User) {
    if (user.role !== 'coordinator' && user.role !== 'admin') throw new Forbidden();
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

    async create(user: User, input: PromptInput) {
      mustEdit(user);
      return db.transaction(async (tx) => {
        const id = await prompts.insert({ ...input, by: user.id, at: clock.now() }, tx);
        await record(user, 'prompt.created', id, tx);
        return id;
      });
    },

    async update(user: User, id: string, input: PromptInput) {
      mustEdit(user);
      await get(id);
      await db.transaction(async (tx) => {
        await prompts.update(id, { ...input, by: user.id, at: clock.now() }, tx);
        await record(user, 'prompt.updated', id, tx);
      });
    },

    /** Moves a prompt one place up or down. */
    async move(user: User, id: string, direction: 'up' | 'down') {
      mustEdit(user);
      const all = await prompts.list();
      const i = all.findIndex((p) => p.id === id);
      if (i < 0) throw new NotFound('Prompt');
      const j = direction === 'up' ? i - 1 : i + 1;
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
