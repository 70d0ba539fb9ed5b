import type { FastifyReply } from 'fastify';
import type { Services } from '../services.ts';
import { NotFound } from '../domain/errors.ts';

/**
 * Old public links to a record merged into another (decision 047) answer 301 to the kept one. Runs
 * only when the page would otherwise be "not found", so live pages cost nothing extra.
 */
export async function orMergedRedirect<T>(
  services: Services,
  reply: FastifyReply,
  kind: 'organisation' | 'activity',
  id: string,
  to: (keptId: string) => string,
  show: () => Promise<T>,
): Promise<T | FastifyReply> {
  try {
    return await show();
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
    const kept = await services.listings.duplicates.redirectFor(kind, id);
    if (!kept) throw err;
    return reply.redirect(to(kept), 301);
  }
}
