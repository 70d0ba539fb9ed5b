import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listUnsubscribeHeaders, type OutgoingMessage, type Sender } from './sender.ts';

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
    ...Object.entries(listUnsubscribeHeaders(m)).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${m.body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/**
 * The development sender: one file per message in a folder (OUTBOX_DIR), named by time and id only
 * (never by recipient): emails as .eml, texts as .txt. Nothing is delivered: the message is
 * 'written_to_file', and the file's name is kept with it so erasure can delete the file.
 */
export function createFileSender(opts: { dir: string; from: string }): Sender & { readonly dir: string } {
  return {
    dir: opts.dir,
    async send(m) {
      await mkdir(opts.dir, { recursive: true });
      const stamp = m.createdAt.toISOString().replace(/[:.]/g, '-');
      const fileName = `${stamp}-${m.id}.${m.channel === 'email' ? 'eml' : 'txt'}`;
      const text = m.channel === 'email' ? toEml(m, opts.from) : `To: ${m.recipient}\nText message:\n\n${m.body}\n`;
      await writeFile(path.join(opts.dir, fileName), text, { encoding: 'utf8', flag: 'w' });
      return { status: 'written_to_file', fileName };
    },
  };
}

/** A message whose outbox file (if any) must go: its id, and the file name recorded when it was written. */
export type OutboxFileRef = { id: string; fileName: string | null };

const SAFE_FILE_NAME = /^[\w.-]+$/;

/**
 * Deletes the outbox files of these messages: the recorded file names, and any other file in the
 * folder named by one of their ids (written just before a crash, before its name was recorded).
 * Returns how many files were deleted; a folder that does not exist holds none.
 */
export async function removeOutboxFiles(dir: string, messages: readonly OutboxFileRef[]): Promise<number> {
  if (messages.length === 0) return 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const recorded = new Set(messages.map((m) => m.fileName).filter((n): n is string => n !== null && SAFE_FILE_NAME.test(n)));
  const ids = messages.map((m) => m.id);
  let removed = 0;
  for (const name of names) {
    if (!recorded.has(name) && !ids.some((id) => name.includes(id))) continue;
    try {
      await unlink(path.join(dir, name));
      removed += 1;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return removed;
}
