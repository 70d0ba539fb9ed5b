import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { createNotificationRepository } from '../data/repositories/notification.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { createOutboxService, MAX_ATTEMPTS, safeError } from './outbox.service.ts';
import { createFileSender, removeOutboxFiles } from './senders/file.sender.ts';
import type { OutgoingMessage } from './senders/sender.ts';
import { createSmtpSender } from './senders/smtp.sender.ts';

/** A tiny SMTP server on 127.0.0.1 that keeps what it receives; it refuses recipients at refused.example. */
async function startSmtpServer() {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server: Server = createServer((socket) => {
    let from = '';
    let to: string[] = [];
    let data: string | null = null;
    let buffer = '';
    socket.write('220 test.local ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let at = buffer.indexOf('\r\n'); at >= 0; at = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (data !== null) {
          if (line === '.') {
            received.push({ from, to, data });
            data = null;
            socket.write('250 OK queued\r\n');
          } else data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-test.local\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') {
          from = line.slice(10).replace(/[<>]/g, '').trim();
          to = [];
          socket.write('250 OK\r\n');
        } else if (verb === 'RCPT') {
          const addr = line.slice(8).replace(/[<>]/g, '').trim();
          if (addr.endsWith('@refused.example')) socket.write(`550 No such user ${addr}\r\n`);
          else {
            to.push(addr);
            socket.write('250 OK\r\n');
          }
        } else if (verb === 'DATA') {
          data = '';
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          socket.write('221 Bye\r\n');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else socket.write('502 Not implemented\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A clock the test moves on. */
const movableClock = (start: string) => {
  let now = new Date(start);
  const clock: Clock = { now: () => new Date(now) };
  return {
    clock,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
};

describe('safe failure reasons', () => {
  it('keep addresses and phone numbers out', () => {
    expect(safeError(new Error('550 No such user alex@example.net (tel +44 7700 900123)'))).toBe('550 No such user [address] (tel [number])');
  });
});

describe('deleting outbox files', () => {
  it('deletes a message’s file by its recorded name, or by its id when the name was never recorded, and nothing else', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'waymark-outbox-remove-'));
    try {
      const files = createFileSender({ dir, from: 'x@example.org' });
      const message = (id: string) => ({
        id,
        channel: 'text' as const,
        recipient: '07700 900123',
        subject: 's',
        body: 'b',
        createdAt: new Date('2026-11-21T10:00:00Z'),
      });
      const recorded = await files.send(message('11111111-1111-4111-8111-111111111111'));
      await files.send(message('22222222-2222-4222-8222-222222222222'));
      const other = await files.send(message('33333333-3333-4333-8333-333333333333'));
      const removed = await removeOutboxFiles(dir, [
        { id: '11111111-1111-4111-8111-111111111111', fileName: recorded.status === 'written_to_file' ? recorded.fileName : null },
        { id: '22222222-2222-4222-8222-222222222222', fileName: null },
        { id: '44444444-4444-4444-8444-444444444444', fileName: '../not-in-the-outbox.txt' },
      ]);
      expect(removed).toBe(2);
      expect(await readdir(dir)).toEqual([other.status === 'written_to_file' ? other.fileName : '']);
      expect(await removeOutboxFiles(path.join(dir, 'missing'), [{ id: 'x', fileName: null }])).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)('the outbox ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  let dir: string;
  const START = '2026-11-21T10:00:00Z';

  beforeAll(async () => {
    db = await engine.open();
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-outbox-'));
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const enqueue = (channel: 'email' | 'text' | 'letter', recipient: string, subject = 'Referral accepted: Café history walk') =>
    createNotificationRepository(db).insert({ channel, recipient, subject, body: 'Line one.\nLine two.', createdAt: new Date(START) });
  const status = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number; last_error: string | null; file_name: string | null }>(
        'select status, attempts, last_error, file_name from notifications where id = $1',
        [id],
      )
    )[0]!;

  it('writes each email and text as one file, records them as written to file (not sent) with the file name, and leaves letters alone', async () => {
    const out = path.join(dir, 'files');
    const files = createFileSender({ dir: out, from: 'Waymark <no-reply@waymark.example>' });
    const outbox = createOutboxService({
      notifications: createNotificationRepository(db),
      senders: { email: files, text: files },
      outboxDir: out,
      clock: movableClock(START).clock,
    });
    const email = await enqueue('email', 'lw@example.org');
    const text = await enqueue('text', '07700 900123');
    const letter = await enqueue('letter', 'Alex\n1 Test Row');

    expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 2, failed: 0 });
    expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 0 });
    const names = (await readdir(out)).sort();
    expect(names).toHaveLength(2);
    expect(names.some((n) => n.endsWith(`${email}.eml`))).toBe(true);
    expect(names.some((n) => n.endsWith(`${text}.txt`))).toBe(true);
    expect(names.join(' ')).not.toContain('lw@example.org');
    const eml = await readFile(path.join(out, names.find((n) => n.endsWith('.eml'))!), 'utf8');
    expect(eml).toContain('To: lw@example.org\r\n');
    expect(eml).toContain('Subject: =?UTF-8?B?');
    expect(eml).toContain('\r\n\r\nLine one.\r\nLine two.');
    expect(await status(email)).toMatchObject({ status: 'written_to_file', attempts: 1, file_name: names.find((n) => n.endsWith('.eml')) });
    expect(await status(text)).toMatchObject({ status: 'written_to_file', file_name: names.find((n) => n.endsWith('.txt')) });
    expect(await status(letter)).toMatchObject({ status: 'pending', attempts: 0, file_name: null });
  });

  it('deletes the file of a message erased while it was being written', async () => {
    const out = path.join(dir, 'erased-meanwhile');
    const files = createFileSender({ dir: out, from: 'x@example.org' });
    // The person is erased (their message row deleted) between the file being written and its status being recorded.
    const eraseDuring = {
      send: async (m: OutgoingMessage) => {
        const delivery = await files.send(m);
        await db.query('delete from notifications where id = $1', [m.id]);
        return delivery;
      },
    };
    const outbox = createOutboxService({
      notifications: createNotificationRepository(db),
      senders: { email: eraseDuring, text: eraseDuring },
      outboxDir: out,
      clock: movableClock(START).clock,
    });
    await enqueue('text', '07700 900456');
    expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 0 });
    expect(await readdir(out)).toEqual([]);
  });

  it('retries a failed send after a pause, up to five tries, then stops', async () => {
    const notADirectory = path.join(dir, 'a-file');
    await writeFile(notADirectory, 'not a folder');
    const broken = createFileSender({ dir: notADirectory, from: 'x@example.org' });
    const time = movableClock(START);
    const outbox = createOutboxService({
      notifications: createNotificationRepository(db),
      senders: { email: broken, text: broken },
      outboxDir: notADirectory,
      clock: time.clock,
    });
    const id = await enqueue('email', 'someone@example.org');

    expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 1 });
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 0 }); // pausing
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      time.advance(61 * 60_000);
      expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 1 });
    }
    time.advance(24 * 60 * 60_000);
    expect(await outbox.deliverPending(10)).toEqual({ sent: 0, writtenToFile: 0, failed: 0 });
    const s = await status(id);
    expect(s).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(s.last_error).toBeTruthy();
  });

  it('recovers when a retry succeeds', async () => {
    const time = movableClock(START);
    const repo = createNotificationRepository(db);
    const id = await enqueue('email', 'later@example.org');
    const notADirectory = path.join(dir, 'a-file');
    const broken = createFileSender({ dir: notADirectory, from: 'x@example.org' });
    await createOutboxService({ notifications: repo, senders: { email: broken, text: broken }, outboxDir: notADirectory, clock: time.clock }).deliverPending(
      10,
    );
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 1 });
    time.advance(2 * 60_000);
    const working = createFileSender({ dir: path.join(dir, 'retry'), from: 'x@example.org' });
    expect(
      await createOutboxService({ notifications: repo, senders: { email: working, text: working }, outboxDir: working.dir, clock: time.clock }).deliverPending(
        10,
      ),
    ).toEqual({ sent: 0, writtenToFile: 1, failed: 0 });
    expect(await status(id)).toMatchObject({ status: 'written_to_file', attempts: 2, last_error: null });
  });

  it('sends emails through SMTP (to a server inside this test) and records refusals', async () => {
    const smtp = await startSmtpServer();
    try {
      const sender = createSmtpSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'Waymark <no-reply@waymark.example>', timeoutMs: 5000 });
      const files = createFileSender({ dir: path.join(dir, 'texts'), from: 'x' });
      const outbox = createOutboxService({
        notifications: createNotificationRepository(db),
        senders: { email: sender, text: files },
        outboxDir: files.dir,
        clock: movableClock(START).clock,
      });
      const ok = await enqueue('email', 'linkworker@example.org', 'Referral accepted: Riverside walk');
      const refused = await enqueue('email', 'nobody@refused.example');
      expect(await outbox.deliverPending(10)).toEqual({ sent: 1, writtenToFile: 0, failed: 1 });
      sender.close();
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(['linkworker@example.org']);
      expect(smtp.received[0]!.from).toBe('no-reply@waymark.example');
      expect(smtp.received[0]!.data).toContain('Subject: Referral accepted: Riverside walk');
      expect(smtp.received[0]!.data).toContain('Line one.');
      expect(await status(ok)).toMatchObject({ status: 'sent', file_name: null });
      const failed = await status(refused);
      expect(failed.status).toBe('failed');
      expect(failed.last_error).not.toContain('refused.example');
    } finally {
      await smtp.close();
    }
  });

  it('gives a mailing List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) through the file sender and SMTP, and other emails neither', async () => {
    const url = 'https://waymark.example/new-activities-by-email/4f1c0e9a-8a5b-4c1e-9a55-1f2d3c4b5a69/stop/abc';
    const mailing = () =>
      createNotificationRepository(db).insert({
        channel: 'email',
        recipient: 'edith@example.org',
        subject: '1 new or changed activity near NR30 1AA',
        body: 'Hello',
        createdAt: new Date(START),
        listUnsubscribe: url,
      });
    const out = path.join(dir, 'mailings');
    const files = createFileSender({ dir: out, from: 'Waymark <no-reply@waymark.example>' });
    const viaFiles = createOutboxService({
      notifications: createNotificationRepository(db),
      senders: { email: files, text: files },
      outboxDir: out,
      clock: movableClock(START).clock,
    });
    const digest = await mailing();
    const plain = await enqueue('email', 'lw@example.org');
    await viaFiles.deliverPending(10);
    const eml = async (id: string) => readFile(path.join(out, (await readdir(out)).find((n) => n.endsWith(`${id}.eml`))!), 'utf8');
    expect(await eml(digest)).toContain(`\r\nList-Unsubscribe: <${url}>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n`);
    expect(await eml(plain)).not.toContain('List-Unsubscribe');

    const smtp = await startSmtpServer();
    try {
      const sender = createSmtpSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'Waymark <no-reply@waymark.example>', timeoutMs: 5000 });
      const viaSmtp = createOutboxService({
        notifications: createNotificationRepository(db),
        senders: { email: sender, text: files },
        outboxDir: out,
        clock: movableClock(START).clock,
      });
      await mailing();
      expect(await viaSmtp.deliverPending(10)).toMatchObject({ sent: 1 });
      sender.close();
      const unfolded = smtp.received[0]!.data.replace(/\n[ \t]+/g, ' '); // long headers are folded (RFC 5322)
      expect(unfolded).toContain(`List-Unsubscribe: <${url}>`);
      expect(unfolded).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    } finally {
      await smtp.close();
    }
  });
});
