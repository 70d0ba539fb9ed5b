import type { FastifyInstance } from 'fastify';
import type { AssetCatalogue, Encoding } from './assets.ts';

/** A year: the longest lifetime caches honour. A fingerprinted name never changes content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Plain names may change with a release: browsers keep them but ask each time (a 304 costs a few bytes). */
export const REVALIDATE = 'no-cache';

/** Brotli if the browser takes it, else gzip, else none (`q=0` refuses an encoding). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wants = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return undefined;
}

/**
 * GET /static/*: the files of the asset catalogue (src/web/assets.ts) at their plain and fingerprinted
 * names, already compressed, with an ETag per representation. Nothing here reads the session.
 */
export function registerStaticFiles(app: FastifyInstance, assets: AssetCatalogue) {
  app.get('/static/*', { compress: false }, async (request, reply) => {
    const url = `/static/${(request.params as { '*': string })['*']}`;
    const asset = assets.byUrl.get(url);
    if (!asset) return reply.callNotFound();
    const encoding = asset.compressible ? chooseEncoding(request.headers['accept-encoding']) : undefined;
    const etag = `"${asset.hash}${encoding ? `-${encoding}` : ''}"`;
    reply.header('cache-control', url === asset.fingerprinted ? IMMUTABLE : REVALIDATE);
    reply.header('etag', etag);
    if (asset.compressible) reply.header('vary', 'Accept-Encoding');
    reply.type(asset.type);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
    if (!encoding) return reply.send(asset.body);
    reply.header('content-encoding', encoding);
    return reply.send(await assets.compressed(asset, encoding));
  });
}
