import { readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { APP_ASSETS_DIR, buildAssetCatalogue } from './assets.ts';
import { chooseEncoding, IMMUTABLE } from './static-files.ts';

describe('fingerprinted names', () => {
  it('names a file after its content, so a changed file gets a new name', () => {
    const before = buildAssetCatalogue([{ url: '/static/app.css', body: Buffer.from('a{color:red}') }]);
    const after = buildAssetCatalogue([{ url: '/static/app.css', body: Buffer.from('a{color:blue}') }]);
    expect(before.url('/static/app.css')).toMatch(/^\/static\/app\.[0-9a-f]{12}\.css$/);
    expect(after.url('/static/app.css')).not.toBe(before.url('/static/app.css'));
    expect(before.url('/static/unknown.css')).toBe('/static/unknown.css');
  });

  it('lists every script in the import map, and nothing a page could break out of', () => {
    const assets = buildAssetCatalogue([
      { url: '/static/init.js', body: Buffer.from('1') },
      { url: '/static/modules/</script>.js', body: Buffer.from('2') },
      { url: '/static/app.css', body: Buffer.from('3') },
    ]);
    const map = JSON.parse(assets.importMap) as { imports: Record<string, string> };
    expect(Object.keys(map.imports)).toEqual(['/static/init.js', '/static/modules/</script>.js']);
    expect(map.imports['/static/init.js']).toBe(assets.url('/static/init.js'));
    expect(assets.importMap).not.toContain('</script>');
  });
});

describe('choosing an encoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['gzip;q=0', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

// Static files do not touch the database: one engine is enough.
describe('static files', () => {
  let t: TestApp;
  let page: string;
  beforeAll(async () => {
    t = await createTestApp(ENGINES[0]!);
    page = (await t.app.inject({ method: 'GET', url: '/' })).body;
  }, 180_000);
  afterAll(async () => t.close());

  const linked = (pattern: RegExp) => {
    const url = pattern.exec(page)?.[1];
    if (!url) throw new Error(`no ${pattern} on the page`);
    return url;
  };

  it('links fingerprinted stylesheets and scripts that browsers keep for a year', async () => {
    const css = linked(/<link rel="stylesheet" href="(\/static\/nhsuk\.[0-9a-f]{12}\.css)">/);
    const init = linked(/<script type="module" nonce="[^"]+" src="(\/static\/init\.[0-9a-f]{12}\.js)">/);
    for (const url of [css, init, linked(/src="(\/static\/waymark-logo\.[0-9a-f]{12}\.svg)"/)]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(IMMUTABLE);
    }
    const plain = await t.app.inject({ method: 'GET', url: '/static/nhsuk.css' });
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await t.app.inject({ method: 'GET', url: css })).body).toBe(plain.body);
  });

  it('sends module imports of plain names to the fingerprinted files with an import map carrying the nonce', () => {
    const nonce = /<script type="module" nonce="([^"]+)"/.exec(page)?.[1];
    const json = new RegExp(`<script type="importmap" nonce="${nonce}">([^<]+)</script>`).exec(page)?.[1] ?? '{}';
    const imports = (JSON.parse(json) as { imports: Record<string, string> }).imports;
    expect(imports['/static/nhsuk.js']).toMatch(/^\/static\/nhsuk\.[0-9a-f]{12}\.js$/);
    expect(imports['/static/init.js']).toBe(linked(/src="(\/static\/init\.[0-9a-f]{12}\.js)"/));
    const modules = readdirSync(path.join(APP_ASSETS_DIR, 'modules')).filter((f) => f.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(0);
    for (const file of modules) expect(imports[`/static/modules/${file}`], file).toMatch(/^\/static\/modules\/.+\.[0-9a-f]{12}\.js$/);
  });

  it('sends text files compressed with Brotli or gzip, as the browser accepts, and the same file unpacked', async () => {
    const url = linked(/href="(\/static\/nhsuk\.[0-9a-f]{12}\.css)"/);
    const identity = await t.app.inject({ method: 'GET', url });
    expect(identity.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.rawPayload.length).toBeLessThan(identity.rawPayload.length / 5);
    expect(brotliDecompressSync(br.rawPayload).equals(identity.rawPayload)).toBe(true);
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(identity.rawPayload)).toBe(true);
  });

  it('answers 304 to a browser that has the same representation, and 404 to a name it never had', async () => {
    const url = '/static/waymark.css';
    const first = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    const again = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // The gzip copy is another representation with its own tag.
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) } });
    expect(gz.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/static/waymark.000000000000.css' })).statusCode).toBe(404);
  });
});
