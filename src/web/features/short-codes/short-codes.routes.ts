import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../../domain/errors.ts';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';

/**
 * A listing's short code (decision 030): `/c/NR-4K7` from a printed QR code or link, and the home
 * page's "Have a code from a leaflet?" box (`/c?code=nr 4k7`). Both lead to the activity page.
 */
export function registerShortCodeRoutes(app: FastifyInstance, services: Services) {
  const notFound = (reply: FastifyReply, code: string, message: string) =>
    reply.code(code ? 404 : 400).view('features/short-codes/find-by-code.njk', {
      pageTitle: 'Find a listing by its code',
      values: { code },
      fieldErrors: { code: message },
      errors: [{ text: message, href: '#code' }],
    });

  async function go(request: FastifyRequest, reply: FastifyReply, typed: string) {
    const code = typed.trim();
    if (!code) return notFound(reply, '', 'Enter the code from your leaflet or poster, for example NR-4K7');
    try {
      const found = await services.publicActivities.findByShortCode(code, request.user);
      return reply.redirect(paths.activity(found.id), 303);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      return notFound(
        reply,
        code,
        `We could not find a listing with the code ${code.toUpperCase()}. Check the code: it is two letters, then three or four letters and numbers`,
      );
    }
  }

  app.get(paths.findByCode, async (request, reply) => {
    const code = (request.query as Record<string, unknown>).code;
    if (code === undefined)
      return reply.view('features/short-codes/find-by-code.njk', { pageTitle: 'Find a listing by its code', values: {}, fieldErrors: {} });
    return go(request, reply, typeof code === 'string' ? code : '');
  });

  app.get<{ Params: { shortCode: string } }>(paths.shortCode(':shortCode'), async (request, reply) => go(request, reply, request.params.shortCode));
}
