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
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}
