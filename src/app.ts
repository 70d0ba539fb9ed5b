import { createRequire } from 'node:module';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config, TrustProxy } from './config.ts';
import type { Logger } from './logger.ts';
import type { Services } from './services.ts';
import { maskToken, registerCsrf } from './web/middleware/csrf.ts';
import { registerErrorHandler } from './web/middleware/error-handler.ts';
import { registerInputHygiene } from './web/middleware/input-hygiene.ts';
import { registerMultipartForms } from './web/middleware/multipart-form.ts';
import { registerSession } from './web/middleware/session.ts';
import { registerNoStore } from './web/middleware/no-store.ts';
import { registerReadRouting } from './web/middleware/read-routing.ts';
import { createTemplateEnvironment, NHSUK_DIST } from './web/render.ts';
import { assetCatalogue } from './web/assets.ts';
import { registerStaticFiles } from './web/static-files.ts';
import { registerWebRoutes } from './web/routes.ts';
import { registerApiRoutes } from './api/routes.ts';
import { homeFor, paths } from './web/paths.ts';
import { navigationFor } from './web/navigation.ts';
import { readShortlist } from './web/features/shortlist/shortlist-cookie.ts';

const require = createRequire(import.meta.url);
/** Leaflet's and Leaflet.markercluster's built files (JS, CSS, images), served under one prefix. */
const LEAFLET_DIST = ['leaflet', 'leaflet.markercluster'].map((name) => path.join(path.dirname(require.resolve(`${name}/package.json`)), 'dist'));

/**
 * Fastify 5 treats a bare number as "trust nothing" (a hop count cannot check who is speaking), so a
 * number of hops becomes a function: the socket peer and the next hops-1 addresses are proxies.
 */
function trustProxyOption(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

export async function createApp(services: Services, config: Config, logger: Logger): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // Only configured proxies may say who the client is (decision 015); by default X-Forwarded-For is ignored.
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 1024 * 1024,
  });
  // Every route the app serves, so the access matrix test can insist each one is listed.
  const routeTable: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });
  app.decorate('routeTable', routeTable);
  const templates = createTemplateEnvironment({ watch: false });
  const assets = assetCatalogue();
  templates.addGlobal('asset', assets.url);
  templates.addGlobal('importMap', assets.importMap);

  // Request log without query strings: search URLs carry postcodes.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  // Pages and API answers are compressed as they go, at the fastest settings: for a 47 KB search page
  // Brotli 1 takes 0.2 ms for 7.2 KB where Brotli 4 takes 0.7 ms for 6.3 KB. Static files carry their
  // own copies, made once at the highest settings (decision 024). Request bodies are never inflated.
  // A page up to 512 KB is compressed in one call and sent with its length, not piped through a zlib
  // stream in the thread pool (the plugin's default above 8 KB on two cores): the stream's set-up and
  // chunked writes cost more CPU than the compression, and the machine has no idle core to lend it
  // (decision 026).
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
    syncThreshold: 512 * 1024,
    globalDecompression: false,
  });
  await app.register(cookie);
  registerReadRouting(app, { secureCookies: config.secureCookies });
  await app.register(formbody);
  await registerMultipartForms(app);
  registerInputHygiene(app);
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(config.mapTiles?.origins ?? [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(rateLimit, { global: false });

  app.decorateReply('view', function (this: import('fastify').FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const items = navigationFor(request.user, readShortlist(request).length);
    const under = (href: string) => request.url === href || request.url.startsWith(`${href}/`) || request.url.startsWith(`${href}?`);
    // The most specific item is the current one (/insight/dashboard is under /insight too).
    const current = items.filter((i) => under(i.href)).sort((a, b) => b.href.length - a.href.length)[0];
    const navigation = items.map((item) => ({ href: item.href, text: item.text, current: item === current }));
    const html = templates.render(template, {
      ...context,
      currentUser: request.user,
      dashboardHref: request.user ? homeFor(request.user.role) : undefined,
      // Masked afresh for every page (BREACH, decision 024); the form is checked against request.csrfToken.
      csrfToken: request.csrfToken ? maskToken(request.csrfToken) : '',
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      // Only for a page that must carry its own styles (the printable shortlist works saved, offline).
      cspStyleNonce: (this as unknown as { cspNonce?: { style: string } }).cspNonce?.style,
      showNhsLogo: config.showNhsLogo,
      mapTiles: config.mapTiles ? JSON.stringify({ url: config.mapTiles.url, attribution: config.mapTiles.attribution }) : null,
      navigation,
      // Signed out, the header shows only the menu: draw it once per menu state (src/web/fragment-cache.ts).
      publicHeaderKey: request.user ? null : `header:${config.showNhsLogo}:${navigation.map((n) => `${n.current ? '*' : ''}${n.href} ${n.text}`).join('|')}`,
      currentPath: request.url,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  registerSession(app, services.auth, { secureCookies: config.secureCookies });
  registerCsrf(app, { secureCookies: config.secureCookies, secret: config.sessionSecret });
  registerNoStore(app);

  // NHS.UK frontend's images and icons, at the /assets/ path its CSS and page template name.
  await app.register(fastifyStatic, { root: path.join(NHSUK_DIST, 'nhsuk/assets'), prefix: '/assets/', decorateReply: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: LEAFLET_DIST, prefix: paths.leaflet, decorateReply: false, maxAge: '1d' });
  registerStaticFiles(app, assets);

  registerErrorHandler(app);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: 'Not found', status: 404 });
    return reply.status(404).view('features/errors/not-found.njk', { pageTitle: 'Page not found' });
  });

  app.get('/health', async () => {
    await services.health();
    return { status: 'ok' };
  });

  await registerWebRoutes(app, services, config);
  await registerApiRoutes(app, services, config);
  return app;
}
