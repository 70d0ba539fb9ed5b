import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { MAX_CALENDAR_BYTES } from '../domain/calendar-import.ts';

export type FetchedCalendar = { ok: true; text: string } | { ok: false; message: string };
/** Reads a calendar's address: its text, or why it could not be read (in words for the provider). */
export type CalendarFetcher = (url: string) => Promise<FetchedCalendar>;

const MAX_REDIRECTS = 3;

/** Loopback, private, link-local, carrier-grade NAT and unique-local addresses: not the public internet. */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80') || v6.startsWith('ff');
}

/**
 * Fetches a calendar (decision 037): http or https only, at most `timeoutMs`, at most 1 MB, a few
 * redirects each checked again; addresses on private networks are refused unless `allowPrivate`
 * (tests, which serve fixtures from 127.0.0.1).
 */
export function createCalendarFetcher(opts: { timeoutMs: number; allowPrivate: boolean; maxBytes?: number }): CalendarFetcher {
  const maxBytes = opts.maxBytes ?? MAX_CALENDAR_BYTES;
  return async (address) => {
    const deadline = AbortSignal.timeout(opts.timeoutMs);
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return { ok: false, message: 'Enter the calendar’s full web address, starting https://' };
    }
    try {
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'The calendar’s address must start http:// or https://' };
        if (!opts.allowPrivate) {
          const host = url.hostname.replace(/^\[|\]$/g, '');
          const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
          if (addresses.length === 0 || addresses.some(isPrivateAddress))
            return { ok: false, message: 'Waymark cannot read calendars on a private network. Use the calendar’s public address' };
        }
        const res = await fetch(url, { redirect: 'manual', signal: deadline, headers: { accept: 'text/calendar, text/plain;q=0.5' } });
        if (res.status >= 300 && res.status < 400) {
          const next = res.headers.get('location');
          await res.body?.cancel();
          if (!next) return { ok: false, message: `The calendar’s address answered ${res.status} without saying where the calendar is` };
          url = new URL(next, url);
          continue;
        }
        if (!res.ok) {
          await res.body?.cancel();
          return {
            ok: false,
            message: `The calendar’s address answered “${res.status} ${res.statusText}”. Check the address is the calendar’s public (iCal) address`,
          };
        }
        const type = (res.headers.get('content-type') ?? '').toLowerCase();
        if (/^(image|audio|video)\/|application\/(zip|pdf|octet-stream)|text\/html/.test(type)) {
          await res.body?.cancel();
          return { ok: false, message: 'The address gives a web page or file, not a calendar. Use the calendar’s iCal (.ics) address' };
        }
        const declared = Number(res.headers.get('content-length') ?? '0');
        if (declared > maxBytes) {
          await res.body?.cancel();
          return { ok: false, message: 'The calendar must be smaller than 1 MB' };
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const chunk of res.body ?? []) {
          size += (chunk as Uint8Array).byteLength;
          if (size > maxBytes) return { ok: false, message: 'The calendar must be smaller than 1 MB' };
          chunks.push(chunk as Uint8Array);
        }
        return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
      }
      return { ok: false, message: 'The calendar’s address redirects too many times' };
    } catch (err) {
      if (deadline.aborted) return { ok: false, message: `The calendar’s address did not answer within ${Math.round(opts.timeoutMs / 1000)} seconds` };
      return { ok: false, message: `The calendar could not be fetched (${(err as Error).message.slice(0, 80)}). Check the address` };
    }
  };
}
