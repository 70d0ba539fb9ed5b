import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress } from './calendar-fetch.ts';
import { BadInput } from '../domain/errors.ts';

/**
 * Reads one page of an Open Referral feed politely (decision 046): http or https only, a time limit
 * per request, a size limit checked against Content-Length and again while the body streams (a
 * 100 MB answer is refused after the limit, never held), and on 429 or a 5xx a few retries with
 * exponential backoff and jitter that honour Retry-After. Addresses on private networks are refused
 * unless `allowPrivate` (tests and the command line).
 */
export type FeedFetchOptions = {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
  retries: number;
  /** The first backoff; each retry doubles it, plus up to half again at random. */
  backoffMs: number;
  /** No wait is longer than this, whatever Retry-After says. */
  maxBackoffMs: number;
};
export type FetchedJson = { ok: true; json: unknown } | { ok: false; message: string };
export type FeedFetcher = (url: string) => Promise<FetchedJson>;

export const DEFAULT_FEED_FETCH: FeedFetchOptions = {
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
  allowPrivate: false,
  retries: 4,
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export function createFeedFetcher(overrides: Partial<FeedFetchOptions> = {}): FeedFetcher {
  const opts = { ...DEFAULT_FEED_FETCH, ...overrides };
  const megabytes = `${Math.round(opts.maxBytes / 1024 / 1024) || 1} MB`;

  const once = async (address: string): Promise<FetchedJson | { retry: number; message: string }> => {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return { ok: false, message: 'Enter the feed’s full web address, starting https://' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'The feed’s address must start http:// or https://' };
    const deadline = AbortSignal.timeout(opts.timeoutMs);
    try {
      if (!opts.allowPrivate) {
        const host = url.hostname.replace(/^\[|\]$/g, '');
        const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
        if (addresses.length === 0 || addresses.some(isPrivateAddress)) return { ok: false, message: 'Waymark cannot read feeds on a private network' };
      }
      const res = await fetch(url, { signal: deadline, redirect: 'follow', headers: { accept: 'application/json' } });
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        return { retry: retryAfterMs(res.headers.get('retry-after')) ?? -1, message: `The feed answered ${res.status} ${res.statusText}`.trim() };
      }
      if (!res.ok) {
        await res.body?.cancel();
        return { ok: false, message: `The feed answered ${res.status} ${res.statusText}`.trim() };
      }
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > opts.maxBytes) {
        await res.body?.cancel();
        return { ok: false, message: `The feed’s page is larger than ${megabytes} (it says ${Math.round(declared / 1024 / 1024)} MB), so it was not read` };
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of res.body ?? []) {
        size += (chunk as Uint8Array).byteLength;
        if (size > opts.maxBytes) {
          await res.body?.cancel().catch(() => {});
          return { ok: false, message: `The feed’s page is larger than ${megabytes}, so reading stopped` };
        }
        chunks.push(chunk as Uint8Array);
      }
      try {
        return { ok: true, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      } catch {
        return { ok: false, message: 'The feed’s page is not valid JSON' };
      }
    } catch (err) {
      if (deadline.aborted) return { ok: false, message: `The feed did not answer within ${Math.round(opts.timeoutMs / 100) / 10} seconds` };
      return { retry: -1, message: `The feed could not be reached (${(err as Error).message.slice(0, 80)})` };
    }
  };

  return async (address) => {
    let last = '';
    for (let attempt = 0; attempt <= opts.retries; attempt++) {
      const result = await once(address);
      if ('ok' in result) return result;
      last = result.message;
      if (attempt === opts.retries) break;
      const backoff = opts.backoffMs * 2 ** attempt;
      const wait = result.retry >= 0 ? result.retry : backoff + Math.random() * backoff * 0.5;
      await sleep(Math.min(wait, opts.maxBackoffMs));
    }
    return { ok: false, message: `${last}, and still did after ${opts.retries + 1} tries` };
  };
}

/** At most `n` of the given tasks at once. */
export function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** The address of the page after `page`: the feed's own `next` link, or the same address with ?page=. */
export function pageAddress(address: string, page: number): string {
  const url = new URL(address);
  url.searchParams.set('page', String(page));
  return url.toString();
}

/** A feed address a person gave → its services list, or BadInput when it is not a web address. */
export function feedServicesAddress(address: string): string {
  let web = false;
  try {
    web = ['http:', 'https:'].includes(new URL(address).protocol);
  } catch {}
  if (!web) throw new BadInput('Enter the feed’s full web address, starting https://');
  return servicesAddress(address);
}

/** A feed's root or a page address → the services list. */
export function servicesAddress(address: string): string {
  const url = new URL(address);
  if (!/\/services\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/services`;
  return url.toString();
}

export function serviceDetailAddress(listAddress: string, id: string): string {
  const url = new URL(listAddress);
  url.search = '';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(id)}`;
  return url.toString();
}
