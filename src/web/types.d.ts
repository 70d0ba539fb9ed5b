import 'fastify';
import type { User } from '../domain/user.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
    csrfToken: string;
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
