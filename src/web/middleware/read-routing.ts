import type { FastifyInstance } from 'fastify';
import { readingFromReplica } from '../../data/database.ts';
import { paths } from '../paths.ts';
import { sessionCookieName } from './session.ts';

/** Public pages that only read: a signed-out visitor's request for one may be answered from a replica. */
const PUBLIC_READ_ROUTES = new Set([
  paths.home,
  paths.search,
  paths.activity(':id'),
  paths.activityPrint(':id'),
  paths.doorstep,
  paths.shortlist,
  paths.openData.dataset,
  // Heritage walks (decision 043): the list, a walk, its route card, GPX and open data only read.
  paths.walks.list,
  paths.walks.walk(':id'),
  paths.walks.routeCard(':id'),
  paths.walks.gpx(':id'),
  paths.walks.openData,
]);
/** Open data that never reads the session: Open Referral, OpenActive, GeoJSON. */
const OPEN_DATA_ROOTS = [paths.api.orukRoot, paths.openData.openActiveRoot, paths.openData.root];

/** Whether this request's plain queries may go to the read replica (when DATABASE_READ_URL is set). */
export function mayReadFromReplica(method: string, route: string | undefined, hasSessionCookie: boolean): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!route) return false;
  // Open data never reads the session: whoever asks sees the same.
  if (OPEN_DATA_ROOTS.some((root) => route.startsWith(`${root}/`) || route === root)) return true;
  // Signed in (or holding an old session cookie): the primary, so people see what they have just changed.
  return !hasSessionCookie && PUBLIC_READ_ROUTES.has(route);
}

/**
 * Read routing (decision 025): signed-out visitors' public pages and the open-data API may read from
 * a PostgreSQL streaming replica, which can be a moment behind; writes, transactions and everything a
 * signed-in person sees go to the primary. Registered after the cookie parser.
 */
export function registerReadRouting(app: FastifyInstance, opts: { secureCookies: boolean }) {
  const session = sessionCookieName(opts.secureCookies);
  app.addHook('onRequest', (request, _reply, done) => {
    // The rest of the request (later hooks, the handler) runs inside done(), so inside this context.
    if (mayReadFromReplica(request.method, request.routeOptions.url, Boolean(request.cookies[session]))) readingFromReplica(() => done());
    else done();
  });
}
