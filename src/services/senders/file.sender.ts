import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage, Sender } from './sender.ts';

/** RFC 2047 encoded-word for a header holding non-ASCII text. */
export function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

/** A message as an .eml file any mail program opens (plain text, UTF-8, CRLF line ends). */
export function toEml(m: OutgoingMessage, from: string): string {
  const headers = [
    `From: ${encodeHeader(from)}`,
    `To: ${encodeHeader(m.recipient)}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${m.createdAt.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${m.id}@waymark.outbox>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${m.body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/**
 * The development sender: one file per message in a folder (OUTBOX_DIR), named by time and id only
 * (never by recipient): emails as .eml, texts as .txt.
 */
export function createFileSender(opts: { dir: string; from: string }): Sender & { readonly dir: string } {
  return {
    dir: opts.dir,
    async send(m) {
      await mkdir(opts.dir, { recursive: true });
      const stamp = m.createdAt.toISOString().replace(/[:.]/g, '-');
      const file = path.join(opts.dir, `${stamp}-${m.id}.${m.channel === 'email' ? 'eml' : 'txt'}`);
      const text = m.channel === 'email' ? toEml(m, opts.from) : `To: ${m.recipient}\nText message:\n\n${m.body}\n`;
      await writeFile(file, text, { encoding: 'utf8', flag: 'w' });
    },
  };
}
