import 'fastify';
import type { User } from '../domain/user.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
    csrfToken: string;
    /** The live session's token (undefined when signed out or the session has ended). */
    sessionToken: string | undefined;
  }
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}
