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
    /**
     * One-click unsubscribe (RFC 8058): a mail program POSTs `List-Unsubscribe=One-Click` to the
     * address in the email, without cookies. The keyed token in the path is what authorises it, so the
     * form token is not asked for that body (web/middleware/csrf.ts).
     */
    oneClickUnsubscribe?: boolean;
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}
