import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';

describe.each(ENGINES)('accounts ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
  });
  afterAll(async () => t.close());

  it('signs a coordinator in and sends them to their dashboard', async () => {
    const v = new Visitor(t.app);
    const res = await v.signIn('coordinator@waymark.example');
    expect(res.headers.location).toBe('/coordinator');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const v = new Visitor(t.app);
    const res = await v.post('/sign-in', { email: 'coordinator@waymark.example', password: 'not-the-password' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter a correct email address and password');
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('wm_session');
  });

  it('rejects a form posted without the CSRF token and changes nothing', async () => {
    const v = new Visitor(t.app);
    const before = await t.db.query<{ n: number }>('select count(*) as n from users');
    const res = await v.post('/sign-up', { displayName: 'Ann', email: 'ann@example.org', password: 'a long enough password' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    const after = await t.db.query<{ n: number }>('select count(*) as n from users');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('shows each sign-up problem next to its field and creates no account', async () => {
    const v = new Visitor(t.app);
    const res = await v.post('/sign-up', { displayName: '', email: 'not-an-email', password: 'short' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#displayName"');
    expect(res.body).toContain('Enter an email address in the correct format');
    expect(res.body).toContain('Password must be at least 12 characters');
    const rows = await t.db.query("select 1 from users where email = 'not-an-email'");
    expect(rows).toHaveLength(0);
  });

  it('creates a provider account with a hashed password and asks them to confirm their address', async () => {
    const v = new Visitor(t.app);
    const res = await v.post('/sign-up', { displayName: 'Maggie Trent', email: 'Maggie@Example.org', password: 'correct horse battery staple' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-up/check-your-email');
    const [row] = await t.db.query<{ role: string; password_hash: string }>("select role, password_hash from users where email = 'maggie@example.org'");
    expect(row?.role).toBe('provider');
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain('correct horse');
  });

  it('slows down repeated sign-up posts from one address', async () => {
    const limited = await createTestApp(engine, { config: { formRateLimitPerMinute: 3 } });
    try {
      const v = new Visitor(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await v.post('/sign-up', { displayName: '', email: 'nobody@example.org', password: 'guess' })).statusCode);
      expect(statuses).toEqual([422, 422, 422, 429]);
    } finally {
      await limited.close();
    }
  }, 120_000);

  it('signs out and forgets the session on the server', async () => {
    const v = new Visitor(t.app);
    await v.signIn('coordinator.frome@waymark.example');
    const out = await v.post('/sign-out');
    expect(out.statusCode).toBe(303);
    const rows = await t.db.query("select 1 from user_sessions s join users u on u.id = s.user_id where u.email = 'coordinator.frome@waymark.example'");
    expect(rows).toHaveLength(0);
  });
});
