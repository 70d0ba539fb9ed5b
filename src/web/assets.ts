import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { NHSUK_DIST } from './render.ts';

/**
 * The stylesheets, scripts and images the app serves under /static/ (decision 024). Each is served
 * twice: at its plain name (`/static/waymark.css`, revalidated on every use) and at a fingerprinted
 * name holding a hash of its content (`/static/waymark.1a2b3c4d5e.css`) that browsers keep for a
 * year without asking again. Pages link the fingerprinted names (`asset()` in templates), and an
 * import map sends module imports of plain names to them, so a new release is fetched at once and
 * an unchanged file never again. Text files are also kept compressed (Brotli and gzip at their
 * highest settings), made once per process on first use or by `warmAssets` at start-up.
 */
export type Asset = {
  /** The plain URL, e.g. /static/waymark.css. */
  url: string;
  /** The fingerprinted URL, e.g. /static/waymark.1a2b3c4d5e.css. */
  fingerprinted: string;
  type: string;
  body: Buffer;
  hash: string;
  compressible: boolean;
};

export type Encoding = 'br' | 'gzip';

export type AssetCatalogue = {
  /** Every asset by its plain and its fingerprinted URL. */
  byUrl: ReadonlyMap<string, Asset>;
  /** The fingerprinted URL of a plain one; an unknown URL is returned unchanged. */
  url(plain: string): string;
  /** `{"imports": {plain: fingerprinted}}` for every script, safe inside a <script> element. */
  importMap: string;
  compressed(asset: Asset, encoding: Encoding): Promise<Buffer>;
};

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/assets: the app's own stylesheet, scripts and images. */
export const APP_ASSETS_DIR = path.join(here, '..', 'assets');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.css', '.js', '.mjs', '.svg', '.json']);

/** NHS.UK frontend's CSS asks for Frutiger from an NHS host; we serve it without, using the Arial fallback. */
function nhsukCss(): Buffer {
  const css = readFileSync(path.join(NHSUK_DIST, 'nhsuk/nhsuk-frontend.min.css'), 'utf8');
  return Buffer.from(css.replace(/@font-face\{[^}]*assets\.nhs\.uk[^}]*\}/g, ''));
}

function filesUnder(dir: string, prefix: string): { url: string; body: Buffer }[] {
  const found: { url: string; body: Buffer }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, `${prefix}${entry.name}/`));
    else if (TYPES[path.extname(entry.name)] && !entry.name.endsWith('.test.ts')) found.push({ url: `${prefix}${entry.name}`, body: readFileSync(full) });
  }
  return found;
}

/** The sources of /static/: NHS.UK frontend's bundle, then every file in src/assets. */
function sources(): { url: string; body: Buffer }[] {
  return [
    { url: '/static/nhsuk.css', body: nhsukCss() },
    { url: '/static/nhsuk.js', body: readFileSync(path.join(NHSUK_DIST, 'nhsuk/nhsuk-frontend.min.js')) },
    ...filesUnder(APP_ASSETS_DIR, '/static/'),
  ];
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// Compressed copies by content hash: shared by every app the process builds (tests build many).
const compressedCopies = new Map<string, Promise<Buffer>>();

function compress(asset: Asset, encoding: Encoding): Promise<Buffer> {
  const key = `${asset.hash}:${encoding}`;
  let copy = compressedCopies.get(key);
  if (!copy) {
    copy =
      encoding === 'br'
        ? brotli(asset.body, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: asset.body.length },
          })
        : gzipAsync(asset.body, { level: 9 });
    compressedCopies.set(key, copy);
  }
  return copy;
}

export function buildAssetCatalogue(files: { url: string; body: Buffer }[] = sources()): AssetCatalogue {
  const byUrl = new Map<string, Asset>();
  const imports: Record<string, string> = {};
  for (const { url, body } of files) {
    const ext = path.extname(url);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const fingerprinted = `${url.slice(0, -ext.length)}.${hash}${ext}`;
    const asset: Asset = { url, fingerprinted, type: TYPES[ext] ?? 'application/octet-stream', body, hash, compressible: COMPRESSIBLE.has(ext) };
    byUrl.set(url, asset);
    byUrl.set(fingerprinted, asset);
    if (ext === '.js' || ext === '.mjs') imports[url] = fingerprinted;
  }
  return {
    byUrl,
    url: (plain) => byUrl.get(plain)?.fingerprinted ?? plain,
    importMap: JSON.stringify({ imports }).replace(/</g, '\\u003c'),
    compressed: compress,
  };
}

let catalogue: AssetCatalogue | undefined;

/** The catalogue of this process's files, read once (a release is a new process). */
export function assetCatalogue(): AssetCatalogue {
  catalogue ??= buildAssetCatalogue();
  return catalogue;
}

/** Compresses every text asset now (in zlib's thread pool), so the first visitor does not wait for it. */
export async function warmAssets(assets: AssetCatalogue = assetCatalogue()): Promise<void> {
  const unique = new Set(assets.byUrl.values());
  await Promise.all([...unique].filter((a) => a.compressible).flatMap((a) => [assets.compressed(a, 'br'), assets.compressed(a, 'gzip')]));
}
