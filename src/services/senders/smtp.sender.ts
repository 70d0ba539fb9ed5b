import nodemailer from 'nodemailer';
import { listUnsubscribeHeaders, type Sender } from './sender.ts';

/**
 * Emails through an SMTP server (SMTP_URL, e.g. smtps://user:pass@smtp.example.org:465 or
 * smtp://relay.internal:587 — STARTTLS is used whenever the server offers it). Plain-text bodies only.
 */
export function createSmtpSender(opts: { url: string; from: string; timeoutMs?: number }): Sender & { close(): void } {
  const timeout = opts.timeoutMs ?? 30_000;
  const u = new URL(opts.url);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(m) {
      if (m.channel !== 'email') throw new Error('The SMTP sender only sends emails');
      await transport.sendMail({
        from: opts.from,
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        messageId: `<${m.id}@waymark.outbox>`,
        date: m.createdAt,
        headers: listUnsubscribeHeaders(m),
      });
      return { status: 'sent' };
    },
    close() {
      transport.close();
    },
  };
}
