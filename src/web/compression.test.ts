import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../test/test-app.ts';

const tokenOn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe.each(ENGINES)('compressed pages and answers ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
  }, 180_000);
  afterAll(async () => t.close());

  it('compresses pages with Brotli or gzip when the browser accepts it, and still keeps them out of caches', async () => {
    const url = '/activities?where=NR30+1NE&radius=5';
    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('no-store');
    const html = brotliDecompressSync(br.rawPayload).toString();
    expect(html).toContain('<h1 class="app-search-title">Find heritage wellbeing activities</h1>');
    expect(br.rawPayload.length).toBeLessThan(html.length / 4);
    // Compressed in one piece and sent with its length, not streamed in chunks (decision 026).
    expect(br.headers['content-length']).toBe(String(br.rawPayload.length));
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toContain('<h1 class="app-search-title">Find heritage wellbeing activities</h1>');
  });

  it('compresses open data (JSON)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/oruk/services', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString())).toHaveProperty('contents');
  });

  it('shows the form token differently on every page (BREACH), and accepts each copy', async () => {
    const v = new Visitor(t.app);
    const first = tokenOn((await v.get('/activities')).body);
    const second = tokenOn((await v.get('/activities')).body);
    expect(first).not.toBe('');
    expect(second).not.toBe(first);
    // Neither copy contains the other's characters in a run long enough to leak the secret.
    expect(second.slice(43)).not.toBe(first.slice(43));
    const id = /name="id" value="([^"]+)"/.exec((await v.get('/activities')).body)?.[1] ?? '';
    for (const token of [first, second]) {
      const res = await v.post('/shortlist/add', { id, returnTo: '/activities', _csrf: token }, { csrf: false });
      expect(res.statusCode).toBe(303);
    }
    const forged = `${first.slice(0, 43)}${second.slice(43)}`;
    expect((await v.post('/shortlist/add', { id, returnTo: '/activities', _csrf: forged }, { csrf: false })).statusCode).toBe(403);
  });

  it('never inflates a compressed request body: a gzipped form is refused and changes nothing', async () => {
    const v = new Visitor(t.app);
    const page = (await v.get('/activities')).body;
    const id = /name="id" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const body = gzipSync(Buffer.from(`_csrf=${encodeURIComponent(tokenOn(page))}&id=${id}&returnTo=%2F`));
    const res = await t.app.inject({
      method: 'POST',
      url: '/shortlist/add',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip', cookie: `wm_csrf=${v.cookie('wm_csrf') ?? ''}` },
      payload: body,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['set-cookie'] ?? '').not.toMatch(/wm_shortlist/);
  });
});
