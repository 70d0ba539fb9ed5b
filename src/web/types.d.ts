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
  interface FastifyContextConfig {
    /** The route reads a form with a file itself (see web/middleware/multipart-form.ts). */
    multipartForm?: boolean;
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}
