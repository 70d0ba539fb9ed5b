import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeOrganisation, makeUser } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import type { Clock } from '../../../domain/clock.ts';
import { passwordProblem, personalWords } from '../../../domain/password-strength.ts';
import { passwordChecks } from '../../../domain/password.ts';
import { totpCode } from '../../../domain/two-factor.ts';
import { DEMO_TOTP_SECRET } from '../../../data/seed/demo-accounts.ts';
import { paths } from '../../paths.ts';

/** A clock tests move on, to cross an expiry or a 30-second code step. */
function movableClock(start: string): Clock & { advance(ms: number): void } {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

const MINUTE = 60 * 1000;
const linkIn = (body: string, path: string) => {
  const match = body.match(new RegExp(`https?://[^\\s]+${path}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`No ${path} link in the email`);
  return match[1]!;
};

describe('password strength', () => {
  it('refuses short, common and personal passwords and says why', () => {
    expect(passwordProblem('short')).toBe('Password must be at least 12 characters');
    expect(passwordProblem('password1234')).toMatch(/^Choose a password that is harder to guess\. This is similar to a commonly used password\./);
    expect(passwordProblem('qwertyuiopasdf')).toMatch(/harder to guess/);
    expect(passwordProblem('maggietrent1', personalWords('maggie.trent@example.org', 'Maggie Trent'))).toMatch(/harder to guess/);
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});

describe.each(ENGINES)('accounts people can use ($name)', (engine) => {
  let t: TestApp;
  const clock = movableClock(TEST_NOW);
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true, clock });
  });
  afterAll(async () => t?.close());

  const emailsTo = (address: string) =>
    t.db.query<{ subject: string; body: string }>('select subject, body from notifications where recipient = $1 order by created_at, id', [address]);

  it('signs an administrator in only after the code from their authenticator app, and never accepts a code twice', async () => {
    const v = new Visitor(t.app);
    const first = await v.post(paths.signIn, { email: 'admin@waymark.example', password: 'waymark-demo-2026' });
    expect(first.headers.location).toBe(paths.signInCode);
    expect(String(first.headers['set-cookie'])).not.toContain('wm_session');
    // Half signed in: nothing else opens.
    expect((await v.get(paths.admin.home)).statusCode).toBe(302);
    expect((await v.post(paths.signInCode, { code: '000000' })).statusCode).toBe(422);
    clock.advance(5 * MINUTE);
    const code = totpCode(DEMO_TOTP_SECRET, clock.now());
    const done = await v.post(paths.signInCode, { code });
    expect(done.headers.location).toBe(paths.admin.home);
    expect((await v.get(paths.admin.home)).statusCode).toBe(200);

    const again = new Visitor(t.app);
    await again.post(paths.signIn, { email: 'admin@waymark.example', password: 'waymark-demo-2026' });
    const replay = await again.post(paths.signInCode, { code });
    expect(replay.statusCode).toBe(422);
    expect(replay.body).toContain('The code is not right, or was used already');
  });

  it('lets a recovery code in once, and sends an administrator without two-factor to set it up before anything else', async () => {
    const admin = new Visitor(t.app);
    await admin.signIn('admin@waymark.example');
    const created = await admin.post(paths.admin.userNew, {
      displayName: 'Ada Stone',
      email: 'ada.stone@example.org',
      role: 'admin',
      temporaryPassword: 'a temporary password for ada',
    });
    expect(created.statusCode).toBe(303);

    const ada = new Visitor(t.app);
    expect((await ada.post(paths.signIn, { email: 'ada.stone@example.org', password: 'a temporary password for ada' })).headers.location).toBe(
      paths.signInNewPassword,
    );
    const weak = await ada.post(paths.signInNewPassword, { newPassword: 'password1234', confirmPassword: 'password1234' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('This is similar to a commonly used password');
    const changed = await ada.post(paths.signInNewPassword, { newPassword: 'ada walks the broads at dawn', confirmPassword: 'ada walks the broads at dawn' });
    expect(changed.headers.location).toBe(paths.signInSetUpTwoFactor);
    expect((await ada.get(paths.admin.home)).statusCode).toBe(302);

    const setUp = await ada.get(paths.signInSetUpTwoFactor);
    expect(setUp.statusCode).toBe(200);
    expect(setUp.body).toContain('src="data:image/svg+xml;base64,');
    const secret = setUp.body.match(/id="secret">([A-Z2-7 ]+)</)![1]!.replace(/ /g, '');
    const [stored] = await t.db.query<{ totp_pending_secret: string }>(`select totp_pending_secret from users where email = 'ada.stone@example.org'`);
    expect(stored!.totp_pending_secret).not.toContain(secret);
    const enrolled = await ada.post(paths.signInSetUpTwoFactor, { code: totpCode(secret, clock.now()) });
    expect(enrolled.statusCode).toBe(200);
    const codes = [...enrolled.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect((await ada.get(paths.admin.home)).statusCode).toBe(200);
    const hashes = await t.db.query<{ code_hash: string }>(
      `select code_hash from recovery_codes c join users u on u.id = c.user_id where u.email = 'ada.stone@example.org'`,
    );
    expect(hashes.map((h) => h.code_hash)).not.toContain(codes[0]);

    const withCode = async () => {
      const v = new Visitor(t.app);
      await v.post(paths.signIn, { email: 'ada.stone@example.org', password: 'ada walks the broads at dawn' });
      return v.post(paths.signInCode, { code: codes[0]!.toUpperCase() });
    };
    expect((await withCode()).headers.location).toBe(paths.admin.home);
    expect((await withCode()).statusCode).toBe(422);
  });

  it('requires two-factor of an organisation’s staff once it switches it on', async () => {
    const org = await makeOrganisation(t.db, { name: 'Strict Heritage Trust' });
    const boss = await makeUser(t.db, { email: 'boss@strict.example', organisationId: org, password: 'boss password kept safe' });
    const staff = await makeUser(t.db, { email: 'staff@strict.example', organisationId: org, password: 'staff password kept safe' });
    const b = new Visitor(t.app);
    await b.signIn(boss.email, boss.password);
    const s = new Visitor(t.app);
    await s.signIn(staff.email, staff.password);

    const refused = await b.post(paths.provider.organisationTwoFactor, { requireTwoFactor: 'yes' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Set up two-factor sign-in for your own account first');
    const setUp = await b.get(paths.account.twoFactor);
    const secret = setUp.body.match(/id="secret">([A-Z2-7 ]+)</)![1]!.replace(/ /g, '');
    expect((await b.post(paths.account.twoFactor, { code: totpCode(secret, clock.now()) })).statusCode).toBe(200);
    expect((await b.post(paths.provider.organisationTwoFactor, { requireTwoFactor: 'yes' })).statusCode).toBe(303);

    // The member without two-factor was signed out, and sets it up at next sign-in.
    expect((await s.get(paths.provider.dashboard)).statusCode).toBe(302);
    const again = await s.post(paths.signIn, { email: staff.email, password: staff.password });
    expect(again.headers.location).toBe(paths.signInSetUpTwoFactor);
    expect((await b.get(paths.provider.dashboard)).statusCode).toBe(200);
  });

  it('changes a password after the current one, and ends the other sessions', async () => {
    const u = await makeUser(t.db, { email: 'changer@example.org', password: 'first password of mine' });
    const here = new Visitor(t.app);
    await here.signIn(u.email, u.password);
    const elsewhere = new Visitor(t.app);
    await elsewhere.signIn(u.email, u.password);
    const wrong = await here.post(paths.account.password, {
      currentPassword: 'not it',
      newPassword: 'second password of mine',
      confirmPassword: 'second password of mine',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Your current password is not right');
    const mismatch = await here.post(paths.account.password, {
      currentPassword: u.password,
      newPassword: 'second password of mine',
      confirmPassword: 'second password of yours',
    });
    expect(mismatch.body).toContain('Enter the same password twice');
    const ok = await here.post(paths.account.password, {
      currentPassword: u.password,
      newPassword: 'second password of mine',
      confirmPassword: 'second password of mine',
    });
    expect(ok.headers.location).toBe(`${paths.account.home}?done=password`);
    expect((await here.get(paths.account.home)).statusCode).toBe(200);
    expect((await elsewhere.get(paths.account.home)).statusCode).toBe(302);
    expect(await t.services.accounts.beginSignIn(u.email, 'second password of mine', '')).toMatchObject({ done: true });
  });

  it('resets a password by an emailed link that works once, for an hour, and answers the same for unknown addresses', async () => {
    const u = await makeUser(t.db, { email: 'forgetful@example.org', password: 'i forgot this one' });
    const v = new Visitor(t.app);
    const known = await v.post(paths.forgotPassword, { email: 'Forgetful@example.org' });
    const unknown = await v.post(paths.forgotPassword, { email: 'nobody-here@example.org' });
    expect([known.statusCode, known.headers.location]).toEqual([303, paths.forgotPasswordSent]);
    expect([unknown.statusCode, unknown.headers.location]).toEqual([303, paths.forgotPasswordSent]);
    expect(await emailsTo('nobody-here@example.org')).toHaveLength(0);
    const [email] = await emailsTo(u.email);
    const token = linkIn(email!.body, '/reset-password');
    expect(await t.db.query('select 1 from account_links where token_hash = $1', [token])).toHaveLength(0);

    expect((await v.get(paths.resetPassword(token))).statusCode).toBe(200);
    const weak = await v.post(paths.resetPassword(token), { newPassword: 'forgetful123', confirmPassword: 'forgetful123' });
    expect(weak.statusCode).toBe(422);
    const ok = await v.post(paths.resetPassword(token), { newPassword: 'remembered at last, truly', confirmPassword: 'remembered at last, truly' });
    expect(ok.headers.location).toBe(`${paths.signIn}?reset=1`);
    expect(
      (await v.post(paths.resetPassword(token), { newPassword: 'and again once more please', confirmPassword: 'and again once more please' })).statusCode,
    ).toBe(404);
    expect(await t.services.accounts.beginSignIn(u.email, 'remembered at last, truly', '')).toMatchObject({ done: true });

    clock.advance(MINUTE);
    await v.post(paths.forgotPassword, { email: u.email });
    const late = linkIn((await emailsTo(u.email)).at(-1)!.body, '/reset-password');
    clock.advance(61 * MINUTE);
    expect((await v.get(paths.resetPassword(late))).statusCode).toBe(404);
  });

  it('gives the same answer to a sign-up with a taken address, emails its owner, and makes one account from two at once', async () => {
    const form = { displayName: 'Pat Quill', email: 'pat.quill@example.org', password: 'pat writes the parish history' };
    const [a, b] = await Promise.all([new Visitor(t.app).post(paths.signUp, form), new Visitor(t.app).post(paths.signUp, form)]);
    expect([a.statusCode, a.headers.location]).toEqual([303, paths.signUpSent]);
    expect([b.statusCode, b.headers.location]).toEqual([303, paths.signUpSent]);
    expect(await t.db.query(`select 1 from users where email = 'pat.quill@example.org'`)).toHaveLength(1);
    const taken = await new Visitor(t.app).post(paths.signUp, { ...form, email: 'coordinator@waymark.example' });
    expect([taken.statusCode, taken.headers.location]).toEqual([303, paths.signUpSent]);
    const owner = await emailsTo('coordinator@waymark.example');
    expect(owner.at(-1)!.subject).toBe('Someone tried to create a Waymark account with your email address');
    const pat = await emailsTo('pat.quill@example.org');
    expect(pat.map((m) => m.subject).sort()).toEqual([
      'Confirm your email address for Waymark',
      'Someone tried to create a Waymark account with your email address',
    ]);
  });

  it('keeps a new provider’s organisation from approval until their email address is confirmed', async () => {
    const v = new Visitor(t.app);
    await v.post(paths.signUp, { displayName: 'Rue Barton', email: 'rue.barton@example.org', password: 'rue restores old boats' });
    await v.signIn('rue.barton@example.org', 'rue restores old boats');
    const page = await v.get(paths.provider.organisationNew);
    expect(page.body).toContain('Confirm your email address first');
    const refused = await v.post(paths.provider.organisationNew, { name: 'Barton Boats', orgType: 'charity', email: 'hello@barton.example' });
    expect(refused.statusCode).toBe(403);
    expect(await t.db.query(`select 1 from organisations where name = 'Barton Boats'`)).toHaveLength(0);

    clock.advance(MINUTE);
    expect((await v.post(paths.account.confirmEmailAgain)).headers.location).toBe(`${paths.account.home}?done=email-sent`);
    const emails = await emailsTo('rue.barton@example.org');
    expect(emails).toHaveLength(2);
    const old = linkIn(emails[0]!.body, '/confirm-email');
    const token = linkIn(emails[1]!.body, '/confirm-email');
    expect((await v.get(paths.verifyEmail(old))).statusCode).toBe(404);
    expect((await v.get(paths.verifyEmail(token))).headers.location).toBe(`${paths.provider.dashboard}?done=email-confirmed`);
    expect((await v.get(paths.verifyEmail(token))).statusCode).toBe(404);
    expect((await v.get(paths.provider.organisationNew)).body).toContain('Add your organisation');
  });

  it('does the same password work for an unknown address as for a known one', async () => {
    const checksFor = async (email: string) => {
      const before = passwordChecks.count;
      await t.services.accounts.beginSignIn(email, 'not the password at all', '');
      return passwordChecks.count - before;
    };
    expect(await checksFor('coordinator@waymark.example')).toBe(1);
    expect(await checksFor('nobody@example.org')).toBe(1);
  });
});
