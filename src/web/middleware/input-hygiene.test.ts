import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../test/test-app.ts';
import { hasUnacceptableText, parameterFormat } from './input-hygiene.ts';

describe('hasUnacceptableText', () => {
  it('finds a NUL or a lone surrogate in any string, key or nested value, and accepts ordinary text and emoji', () => {
    expect(hasUnacceptableText('a\u0000b')).toBe(true);
    expect(hasUnacceptableText('x\uD800')).toBe(true);
    expect(hasUnacceptableText('\uDFFFy')).toBe(true);
    expect(hasUnacceptableText({ list: ['fine', { deep: 'no\u0000' }] })).toBe(true);
    expect(hasUnacceptableText({ 'bad\u0000key': 'v' })).toBe(true);
    expect(hasUnacceptableText({ title: 'Café walk 🙂', tags: ['e\u0301', '\u200B'] })).toBe(false);
  });

  it('knows the shape of every kind of route parameter', () => {
    expect(parameterFormat('id')).toBeInstanceOf(RegExp);
    expect(parameterFormat('sessionId')).toBeInstanceOf(RegExp);
    expect(parameterFormat('token')).toBeInstanceOf(RegExp);
    expect(parameterFormat('*')).toBe('any');
    expect(parameterFormat('slug')).toBeUndefined();
  });
});

/** The cookies a visitor would send (the Visitor keeps them to itself). */
const cookiesOf = (v: Visitor) => (v as unknown as { cookieHeader(): string }).cookieHeader();

describe.each(ENGINES)('Every bad input is refused at the edge ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
  }, 180_000);
  afterAll(async () => t?.close());

  it('refuses a NUL character in the public search with a 400 page that says why', async () => {
    const res = await new Visitor(t.app).get('/activities?q=walk%00ing');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Your request contained characters we cannot accept');
  });

  it('answers the open-data API with its JSON error shape for the same input', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/oruk/services?text=a%00b' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, error: expect.stringContaining('characters we cannot accept') });
  });

  it('refuses a NUL character in a form field before the form is handled, and saves nothing', async () => {
    const v = new Visitor(t.app);
    await v.signIn('coordinator@waymark.example');
    const before = await t.db.query<{ n: number }>('select count(*)::int as n from conversation_prompts');
    const res = await v.post('/coordinator/prompts/new', { theme: 'Walks', prompt: 'Where\u0000 next?' });
    expect(res.statusCode).toBe(400);
    expect(await t.db.query('select count(*)::int as n from conversation_prompts')).toEqual(before);
  });

  it('answers 404 for an id that is not an id, on any route, signed in or not', async () => {
    const v = new Visitor(t.app);
    expect((await v.get('/activities/not-an-id')).statusCode).toBe(404);
    await v.signIn('coordinator@waymark.example');
    expect((await v.get("/referrals/'%20or%201=1/gp-summary")).statusCode).toBe(404);
    expect((await v.post('/coordinator/letters/NaN/posted')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/oruk/services/123' })).json()).toMatchObject({ status: 404 });
  });

  it('refuses JSON and plain-text bodies on form pages with 415, even with a valid token', async () => {
    const v = new Visitor(t.app);
    await v.signIn('coordinator@waymark.example');
    const page = await v.get('/coordinator/prompts/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = cookiesOf(v);
    for (const [type, payload] of [
      ['application/json', JSON.stringify({ _csrf: csrf, theme: ['a', 'b'], prompt: { x: 1 } })],
      ['text/plain', `_csrf=${csrf}`],
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/coordinator/prompts/new', payload, headers: { cookie, 'content-type': type! } });
      expect(res.statusCode, type).toBe(415);
    }
  });

  it('refuses a form with a file on a page that takes no file', async () => {
    const v = new Visitor(t.app);
    await v.signIn('coordinator@waymark.example');
    const res = await v.postMultipart('/coordinator/prompts/new', { theme: 'Walks', prompt: 'Where next?' }, {});
    expect(res.statusCode).toBe(415);
  });

  it('reads a form with a file only after the role check, and a broken one is a 400, never a 500', async () => {
    const truncated = (boundary: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n--${boundary}\r\nContent-Disposition: form-da`;
    const provider = new Visitor(t.app);
    await provider.signIn('provider.yarmouth@waymark.example');
    const admin = new Visitor(t.app);
    await admin.signIn('admin@waymark.example');
    const send = (v: Visitor, contentType: string, payload: string) =>
      t.app.inject({ method: 'POST', url: '/admin/instruments/swemwbs', payload, headers: { cookie: cookiesOf(v), 'content-type': contentType } });
    // A provider's broken upload is refused for who they are, not for what they sent: it was never read.
    expect((await send(provider, 'multipart/form-data; boundary=b1', truncated('b1'))).statusCode).toBe(403);
    for (const [type, body] of [
      ['multipart/form-data; boundary=b1', truncated('b1')],
      ['multipart/form-data', truncated('b1')],
      ['multipart/form-data; boundary=other', truncated('b1')],
    ]) {
      const res = await send(admin, type!, body!);
      expect(res.statusCode, type).toBe(400);
      expect(res.body).toContain('The form could not be read');
    }
  });

  it('answers impossible dates in report filters and the audit filter with 4xx or ignores them, never a 500', async () => {
    const coordinator = new Visitor(t.app);
    await coordinator.signIn('coordinator@waymark.example');
    const admin = new Visitor(t.app);
    await admin.signIn('admin@waymark.example');
    for (const day of ['2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01']) {
      for (const [v, url] of [
        [coordinator, `/reports/outcomes?from=${day}`],
        [coordinator, `/reports/outcomes.csv?to=${day}`],
        [admin, `/admin/audit?from=${day}&to=${day}`],
      ] as const) {
        const res = await v.get(url);
        expect(res.statusCode, url).toBeLessThan(500);
      }
    }
  });

  it('treats a title of only invisible characters as empty', async () => {
    const v = new Visitor(t.app);
    await v.signIn('provider.yarmouth@waymark.example');
    const res = await v.post('/provider/activities/new', { title: '\u200B\u200B\uFEFF' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter a title');
  });

  it('refuses a field sent twice with different values next to the field', async () => {
    const v = new Visitor(t.app);
    await v.signIn('coordinator@waymark.example');
    const res = await v.post('/coordinator/buddy-schemes/new', { name: ['Walkers', 'Talkers'], description: 'A', areas: 'B', support: 'first_visits' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter or choose one answer only');
  });
});
