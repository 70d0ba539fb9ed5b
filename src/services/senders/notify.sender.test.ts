import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { movableClock } from '../../../test/movable-clock.ts';
import { loadConfig, type NotifyConfig } from '../../config.ts';
import { createNotificationRepository } from '../../data/repositories/notification.repository.ts';
import { createOutboxService } from '../outbox.service.ts';
import { createFileSender } from './file.sender.ts';
import { createNotifySender } from './notify.sender.ts';
import { createSenders } from './senders.ts';

const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
const API_KEY = `waymark_test-${SERVICE_ID}-${SECRET}`;
const TEMPLATES = { email: randomUUID(), text: randomUUID(), letter: randomUUID() };

// biome-ignore lint/suspicious/noExplicitAny: JSON read freely in assertions
type Received = { method: string; path: string; claims: { iss: string; iat: number }; body: Record<string, any> };

/**
 * A local server that behaves like GOV.UK Notify's API for sending: it checks the bearer JWT (HS256,
 * signed with the key's secret, issued by the service id), keeps each request it accepts, and answers
 * 201 with a notification, or with the status a test plans next (400, 429, 500…), in Notify's error shape.
 */
async function startFakeNotify() {
  const received: Received[] = [];
  const planned: number[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const [head, payload, signature] = token.split('.');
    const expected = head && payload ? createHmac('sha256', SECRET).update(`${head}.${payload}`).digest() : Buffer.alloc(0);
    const given = Buffer.from(signature ?? '', 'base64url');
    const header = head ? JSON.parse(Buffer.from(head, 'base64url').toString()) : {};
    const claims = payload ? JSON.parse(Buffer.from(payload, 'base64url').toString()) : {};
    if (
      header.alg !== 'HS256' ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected) ||
      claims.iss !== SERVICE_ID ||
      typeof claims.iat !== 'number'
    )
      return send(403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token: signature, api token not found' }] });
    const path = req.url ?? '';
    if (req.method !== 'POST' || !/^\/v2\/notifications\/(email|sms|letter)$/.test(path))
      return send(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    received.push({ method: req.method, path, claims, body });
    const status = planned.shift() ?? 201;
    if (status === 400) return send(400, { status_code: 400, errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }] });
    if (status === 429)
      return send(429, {
        status_code: 429,
        errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }],
      });
    if (status >= 500) return send(status, { status_code: status, errors: [{ error: 'Exception', message: 'Internal server error' }] });
    return send(201, {
      id: randomUUID(),
      reference: body.reference,
      content: { body: 'x', subject: 'x' },
      uri: 'x',
      template: { id: body.template_id, version: 1, uri: 'x' },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, received, planned, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('GOV.UK Notify settings', () => {
  it('reads the key, the address of the API and a template per channel, and refuses a key that is not a Notify key', () => {
    const config = loadConfig({ NODE_ENV: 'test', NOTIFY_API_KEY: API_KEY, NOTIFY_BASE_URL: 'http://127.0.0.1:9/', NOTIFY_EMAIL_TEMPLATE_ID: TEMPLATES.email });
    expect(config.notify).toEqual({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', templates: { email: TEMPLATES.email } });
    expect(loadConfig({ NODE_ENV: 'test' }).notify).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'test', NOTIFY_API_KEY: 'not-a-key' })).toThrow(/NOTIFY_API_KEY/);
  });

  it('sends a channel through Notify only when it has a template, keeping SMTP or files for the others and people printing letters', () => {
    const base = { outboxDir: '/tmp/x', mailFrom: 'a@example.org', smtpUrl: undefined };
    const files = createSenders(base);
    expect(files.letter).toBeUndefined();
    const onlyText = createSenders({
      ...base,
      smtpUrl: 'smtp://relay.example:587',
      notify: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', templates: { text: TEMPLATES.text } },
    });
    expect(onlyText.text).not.toBe(files.text);
    expect(onlyText.email).not.toHaveProperty('dir'); // SMTP, not files
    expect(onlyText.letter).toBeUndefined();
  });
});

describe.each(ENGINES)('the outbox through GOV.UK Notify ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  let notify: Awaited<ReturnType<typeof startFakeNotify>>;
  let config: NotifyConfig;
  const START = '2026-11-21T10:00:00Z';
  const time = movableClock(START);
  const repo = () => createNotificationRepository(db);
  const outbox = (sender = createNotifySender(config)) =>
    createOutboxService({
      notifications: repo(),
      senders: { email: sender, text: sender, letter: sender },
      outboxDir: '/nonexistent',
      clock: time.clock,
    });
  const enqueue = (channel: 'email' | 'text' | 'letter', recipient: string) =>
    repo().insert({ channel, recipient, subject: 'Referral accepted: Café history walk', body: 'Line one.\nLine two.', createdAt: time.clock.now() });
  const status = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date | null }>(
        'select status, attempts, last_error, next_attempt_at from notifications where id = $1',
        [id],
      )
    )[0]!;

  beforeAll(async () => {
    db = await engine.open();
    notify = await startFakeNotify();
    config = { apiKey: API_KEY, baseUrl: notify.baseUrl, templates: TEMPLATES };
  });
  afterAll(async () => {
    await notify.close();
    await db.drop();
  });
  beforeEach(async () => {
    notify.received.length = 0;
    notify.planned.length = 0;
    await db.query('delete from notifications');
  });

  it('sends emails, texts and letters with the key’s signed token, the channel’s template and the message as personalisation', async () => {
    const email = await enqueue('email', 'lw@example.org');
    const text = await enqueue('text', '07700 900123');
    const letter = await enqueue('letter', 'Alex Example\n1 Test Row, Testtown\nTT1 1AA');
    expect(await outbox().deliverPending(10)).toEqual({ sent: 3, writtenToFile: 0, failed: 0 });

    const byPath = Object.fromEntries(notify.received.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/v2/notifications/email', '/v2/notifications/letter', '/v2/notifications/sms']);
    for (const r of notify.received) expect(r.claims.iss).toBe(SERVICE_ID);
    expect(byPath['/v2/notifications/email']!.body).toEqual({
      template_id: TEMPLATES.email,
      email_address: 'lw@example.org',
      personalisation: { subject: 'Referral accepted: Café history walk', body: 'Line one.\nLine two.' },
      reference: email,
    });
    expect(byPath['/v2/notifications/sms']!.body).toEqual({
      template_id: TEMPLATES.text,
      phone_number: '07700 900123',
      personalisation: { body: 'Line one.\nLine two.' },
      reference: text,
    });
    expect(byPath['/v2/notifications/letter']!.body).toEqual({
      template_id: TEMPLATES.letter,
      personalisation: {
        address_line_1: 'Alex Example',
        address_line_2: '1 Test Row, Testtown',
        address_line_3: 'TT1 1AA',
        subject: 'Referral accepted: Café history walk',
        body: 'Line one.\nLine two.',
      },
      reference: letter,
    });
    for (const id of [email, text, letter]) expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('does not try again a message Notify refuses (400), and keeps the address out of the recorded reason', async () => {
    const email = await enqueue('email', 'not-an-address@');
    notify.planned.push(400);
    expect(await outbox().deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 1 });
    const s = await status(email);
    expect(s).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(s.last_error).toContain('400');
    expect(s.last_error).not.toContain('not-an-address');
    time.advanceMinutes(24 * 60);
    expect(await outbox().deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 0 });
    expect(notify.received).toHaveLength(1);
  });

  it.each([429, 500, 503])('tries again later when Notify answers %s, and the message goes at the next try', async (code) => {
    const text = await enqueue('text', '07700 900123');
    notify.planned.push(code);
    expect(await outbox().deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 1 });
    const s = await status(text);
    expect(s).toMatchObject({ status: 'failed', attempts: 1 });
    expect(s.next_attempt_at).not.toBeNull();
    expect(s.last_error).toContain(String(code));
    time.advanceMinutes(2);
    expect(await outbox().deliverPending(10)).toEqual({ sent: 1, writtenToFile: 0, failed: 0 });
    expect(await status(text)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('is refused (403) with a key whose secret is wrong, which is retried once the key is fixed, not dropped', async () => {
    const email = await enqueue('email', 'lw@example.org');
    const wrongKey = `waymark_test-${SERVICE_ID}-${randomUUID()}`;
    expect(await outbox(createNotifySender({ ...config, apiKey: wrongKey })).deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 1 });
    expect((await status(email)).next_attempt_at).not.toBeNull();
    expect(notify.received).toHaveLength(0); // the fake accepted nothing unsigned by the real secret
    time.advanceMinutes(2);
    expect(await outbox().deliverPending(10)).toMatchObject({ sent: 1 });
  });

  it('refuses a letter without a full address before asking Notify, and for good', async () => {
    const letter = await enqueue('letter', 'Alex\nTT1 1AA');
    expect(await outbox().deliverPending(10)).toMatchObject({ failed: 1 });
    expect(await status(letter)).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect(notify.received).toHaveLength(0);
  });

  it('leaves letters for people to print when no letter sender is configured', async () => {
    const letter = await enqueue('letter', 'Alex Example\n1 Test Row\nTT1 1AA');
    const files = createFileSender({ dir: '/tmp/waymark-notify-unused', from: 'x@example.org' });
    const printed = createOutboxService({ notifications: repo(), senders: { email: files, text: files }, outboxDir: '/tmp', clock: time.clock });
    expect(await printed.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 0 });
    expect(await status(letter)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
