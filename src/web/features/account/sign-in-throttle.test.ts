import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { movableClock } from '../../../../test/movable-clock.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { DEMO_PASSWORD } from '../../../data/seed/demo-accounts.ts';
import { hashPassword } from '../../../domain/password.ts';

const TARGET = 'coordinator@waymark.example';
const COLLEAGUES = Array.from({ length: 10 }, (_, i) => `colleague.${i + 1}@waymark.example`);

describe.each(ENGINES)('sign-in throttling ($name)', (engine) => {
  let t: TestApp;
  let time: ReturnType<typeof movableClock>;
  beforeAll(async () => {
    time = movableClock(TEST_NOW); // 10:00 in London (GMT in November)
    t = await createTestApp(engine, { seed: true, clock: time.clock });
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const email of COLLEAGUES) {
      await t.db.query(`insert into users (email, display_name, password_hash, role, created_at) values ($1, 'A colleague', $2, 'provider', $3)`, [
        email,
        hash,
        time.clock.now(),
      ]);
    }
  }, 180_000);
  afterAll(async () => t.close());

  it('slows guessing at one account while ten colleagues at the same address still sign in', async () => {
    const guesser = new Visitor(t.app);
    for (let i = 0; i < 5; i++) {
      expect((await guesser.post('/sign-in', { email: TARGET, password: `guess-${i}` })).statusCode).toBe(422);
    }
    const limited = await guesser.post('/sign-in', { email: 'Coordinator@Waymark.example ', password: 'guess-6' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Try again after 10:01');
    expect(limited.body).toContain('value="Coordinator@Waymark.example"');
    expect(limited.body).toContain('href="#email"');
    expect(limited.headers['retry-after']).toBe('60');

    for (const email of COLLEAGUES) {
      const colleague = new Visitor(t.app);
      expect((await colleague.post('/sign-in', { email, password: 'a typo' })).statusCode, email).toBe(422);
      expect((await colleague.post('/sign-in', { email, password: DEMO_PASSWORD })).statusCode, email).toBe(303);
    }

    // Even the right password waits: the throttle is checked before the password.
    expect((await new Visitor(t.app).post('/sign-in', { email: TARGET, password: DEMO_PASSWORD })).statusCode).toBe(429);
    time.advanceMinutes(1);
    const owner = new Visitor(t.app);
    expect((await owner.post('/sign-in', { email: TARGET, password: DEMO_PASSWORD })).statusCode).toBe(303);
    // Success clears the account's count: one slip afterwards is an ordinary wrong password.
    expect((await new Visitor(t.app).post('/sign-in', { email: TARGET, password: 'slip' })).statusCode).toBe(422);
  });

  it('makes each further failure wait longer', async () => {
    expect(time.clock.now()).toEqual(new Date('2026-11-21T10:01:00Z'));
    const email = 'admin@waymark.example';
    const v = new Visitor(t.app);
    for (let i = 0; i < 5; i++) await v.post('/sign-in', { email, password: `guess-${i}` });
    time.advanceMinutes(1);
    expect((await v.post('/sign-in', { email, password: 'guess-6' })).statusCode).toBe(422);
    const res = await v.post('/sign-in', { email, password: 'guess-7' });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Try again after 10:04'); // two minutes after the sixth failure, at 10:02
  });

  it('throttles an unknown account exactly as a real one, so the page reveals nothing', async () => {
    const v = new Visitor(t.app);
    const unknown = 'nobody.here@example.org';
    for (let i = 0; i < 5; i++) expect((await v.post('/sign-in', { email: unknown, password: `guess-${i}` })).statusCode).toBe(422);
    const res = await v.post('/sign-in', { email: unknown, password: 'guess-6' });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Too many attempts to sign in. Try again after');
  });

  it('stores neither email addresses nor client addresses for the failures it counts', async () => {
    const rows = await t.db.query<{ key_hash: string }>('select key_hash from sign_in_failures');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key_hash).not.toMatch(/@|127\.0\.0\.1/);
  });

  it('holds one address back only after a hundred failures across accounts', async () => {
    const throttle = t.services.auth.signInThrottle;
    const address = '198.51.100.77';
    for (let i = 0; i < 100; i++) {
      expect(await throttle.retryAt(`person.${i}@example.org`, address)).toBeUndefined();
      await throttle.failed(`person.${i}@example.org`, address);
    }
    expect(await throttle.retryAt('someone.new@example.org', address)).toBeInstanceOf(Date);
    expect(await throttle.retryAt('someone.new@example.org', '198.51.100.78')).toBeUndefined();
  });
});
