import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../src/data/seed/demo-accounts.ts';
import { ENGINES } from './engines.ts';
import { createTestApp, Visitor, type TestApp } from './test-app.ts';
import { ACCESS_TABLE, type RouteAccess } from './access-matrix.table.ts';
import { findFixtures, type Fixtures } from './access-matrix.fixtures.ts';
import { ACTORS, type Actor } from './access-matrix.actors.ts';
import { BAD_IDS, BAD_VALUES, fieldNames, huge, POISON, prng, RAW_ENCODED, type Prng } from './fuzz.inputs.ts';

/**
 * Issue 7: every bad input is a 4xx. A few thousand malformed requests, from a fixed seed, over every
 * route of the route table, signed in as each role and carrying a valid CSRF token so they reach the
 * handlers. No answer may be a 5xx, and no data may change.
 *
 * Runs on PGlite only: the requests exercise the HTTP edge and the forms, which are the same on both
 * engines, and both engines would double a minute-long test.
 */
const SEED = 20261207;
const VARIANTS_PER_ROUTE = 18;
/** Not watched: signing in writes sessions, and reading a record writes a "viewed" audit event. */
const UNWATCHED = new Set(['audit_events', 'user_sessions']);
/** Reference data no request may change: checked once, at the end (checking it after every route is slow). */
const REFERENCE = new Set(['postcodes', 'outcodes', 'place_names', 'heritage_assets', 'search_lexicon']);
/** Signing out ends the actor's session for the rest of the run; those routes take no input anyway. */
const SKIPPED = new Set(['GET /sign-out', 'POST /sign-out']);

type Session = { actor: Actor; cookie: string; csrf: string };

/** Percent-encodes like a browser, but keeps lone surrogates as their (ill-formed) UTF-8 bytes instead of failing. */
function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

function badValue(r: Prng): string {
  if (r.chance(0.08)) return huge(r);
  return r.pick(BAD_VALUES);
}

/** A query string or url-encoded body: known field names, bad values, repeated and bracketed keys, raw escapes. */
function encodedFields(r: Prng, names: string[], opts: { csrf?: string; poison?: boolean }): string {
  const pairs: string[] = [];
  const count = 1 + r.int(5);
  for (let i = 0; i < count; i++) {
    const name = r.chance(0.1) ? `${r.pick(names)}[${r.pick(['', '0', 'a'])}]` : r.pick(names);
    const raw = r.chance(0.15);
    const value = () => (raw ? r.pick(RAW_ENCODED) : encode(badValue(r)));
    pairs.push(`${encode(name)}=${value()}`);
    if (r.chance(0.2)) pairs.push(`${encode(name)}=${value()}`); // repeated field
  }
  // Url-encoded text cannot carry a lone surrogate (an undecodable escape stays as typed): NUL it is.
  if (opts.poison) pairs.push(`${r.pick(names)}=${r.pick(['a%00b', '%00', 'Matrix%20%00'])}`);
  if (opts.csrf) pairs.splice(r.int(pairs.length + 1), 0, `_csrf=${opts.csrf}`);
  return pairs.join('&');
}

function jsonBody(r: Prng, names: string[], csrf: string): string {
  const body: Record<string, unknown> = { _csrf: csrf };
  for (let i = 0; i < 1 + r.int(4); i++) {
    body[r.pick(names)] = r.pick<unknown>([badValue(r), [badValue(r), badValue(r)], { nested: badValue(r) }, 42, true, null, r.pick(POISON)]);
  }
  body[r.pick(names)] = r.pick(POISON);
  return JSON.stringify(body);
}

function multipart(r: Prng, names: string[], csrf: string): { payload: Buffer; contentType: string; kind: string } {
  const boundary = `----fuzz${r.int(1e9)}`;
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const fields = [part('_csrf', csrf), part(r.pick(names), r.pick(POISON)), part(r.pick(names), badValue(r))];
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="wordingFile"; filename="w.json"\r\nContent-Type: application/json\r\n\r\n{"items":["\u0000"]}\r\n`;
  const whole = `${fields.join('')}${file}--${boundary}--\r\n`;
  const kind = r.pick(['no boundary', 'wrong boundary', 'truncated', 'well formed', 'garbage']);
  switch (kind) {
    case 'no boundary':
      return { kind, payload: Buffer.from(whole), contentType: 'multipart/form-data' };
    case 'wrong boundary':
      return { kind, payload: Buffer.from(whole), contentType: 'multipart/form-data; boundary=not-the-one' };
    case 'truncated':
      return {
        kind,
        payload: Buffer.from(whole.slice(0, Math.floor(whole.length * (0.2 + r.next() * 0.6)))),
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    case 'garbage':
      return { kind, payload: Buffer.from('\u0000\u0001not multipart at all'), contentType: `multipart/form-data; boundary=${boundary}` };
    default:
      return { kind, payload: Buffer.from(whole), contentType: `multipart/form-data; boundary=${boundary}` };
  }
}

/** Actors allowed to use the route, when any; the fuzz mostly sends as them so requests reach the handlers. */
function actorFor(r: Prng, entry: RouteAccess, sessions: Session[]): Session {
  if (entry.who !== 'public' && r.chance(0.8)) {
    const allowed = sessions.filter((s) => s.actor.role && entry.who.includes(s.actor.role) && !s.actor.key.endsWith('Other'));
    if (allowed.length) return r.pick(allowed);
  }
  return r.pick(sessions);
}

function pathFor(r: Prng, key: string, entry: RouteAccess, fixtures: Fixtures, badParams: boolean): string {
  const pattern = key.slice(key.indexOf(' ') + 1);
  const names = [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  const spoil = badParams && names.length ? r.pick(names) : undefined;
  return pattern.replace(/:(\w+)|\*/g, (_m, name: string | undefined) => {
    const n = name ?? '*';
    if (n === spoil) return r.chance(0.5) ? r.pick(BAD_IDS) : encode(r.pick(BAD_VALUES.filter((v) => v.length > 0 && v.length < 60)));
    const fixture = entry.params?.[n];
    return fixture ? encodeURIComponent(fixtures[fixture]) : 'x';
  });
}

/** A plausible form from the access table, spoilt in one way that must make it refused. */
function spoiltForm(r: Prng, form: Record<string, string>, csrf: string): { payload: string; kind: string } {
  const pairs = Object.entries(form).map(([k, v]) => [k, v] as [string, string]);
  const keys = pairs.map(([k]) => k);
  const dateKeys = pairs.filter(([k, v]) => /date/i.test(k) || /^\d{4}-\d{2}-\d{2}$/.test(v)).map(([k]) => k);
  const titleKeys = keys.filter((k) => /title|name|theme|prompt/i.test(k));
  let kind = r.pick(['poison', 'poison', 'impossible date', 'invisible', 'repeated']);
  if (kind === 'impossible date' && !dateKeys.length) kind = 'poison';
  if (kind === 'invisible' && !titleKeys.length) kind = 'poison';
  const set = (k: string, v: string) => {
    const found = pairs.find(([name]) => name === k);
    if (found) found[1] = v;
    else pairs.push([k, v]);
  };
  if (kind === 'poison') set(r.chance(0.7) && keys.length ? r.pick(keys) : 'note', `${r.pick(['', 'Matrix '])}\u0000${r.pick(['', 'x'])}`);
  if (kind === 'impossible date') set(r.pick(dateKeys), r.pick(['2026-02-30', '0000-01-01', '2026-13-01', '9999-12-31']));
  if (kind === 'invisible') set(r.pick(titleKeys), r.pick(['\u200B\u200B', '\uFEFF', ' \u2060 ', '\u200D\u00A0']));
  if (kind === 'repeated') {
    const [k, v] = r.pick(pairs.length ? pairs : [['title', 'x'] as [string, string]]);
    pairs.push([k, `${v} again`]);
  }
  pairs.splice(r.int(pairs.length + 1), 0, ['_csrf', csrf]);
  return { kind, payload: pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&') };
}

/** Posts that act on any body (the table's `form` for erasing is only plausible: the confirmation is the page before). */
const ACTS_ON_ANY_POST = new Set(['POST /caseload/:id/privacy/erase', 'POST /admin/contributors/:id/privacy/erase']);
/**
 * Posts whose one needed field takes any text (a review is a rejection unless it says "approve", and a
 * rejection needs only a reason): a random body that happens to name `reason` is a real decision.
 */
const ANY_TEXT_WILL_DO = new Set([
  'POST /coordinator/organisations/:id',
  'POST /coordinator/listings/:id',
  'POST /coordinator/changes/:id',
  // Acknowledging a lone-working alert: its one field (what you did) is optional.
  'POST /volunteers/alerts/:id/acknowledge',
]);
/** Posts to routes that need no fields (or one any text fills) would succeed on any body: those always carry a poisoned field. */
const needsNoFields = (key: string, entry: RouteAccess) => key.startsWith('POST ') && (!entry.form || ACTS_ON_ANY_POST.has(key) || ANY_TEXT_WILL_DO.has(key));

async function checksums(t: TestApp, withReference = false): Promise<Record<string, string>> {
  const tables = (
    await t.db.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
    )
  )
    .map((row) => row.name)
    .filter((name) => !UNWATCHED.has(name) && (withReference || !REFERENCE.has(name)));
  const sql = tables
    .map((name) => `select '${name}' as name, count(*)::int as n, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as h from ${name} t`)
    .join(' union all ');
  const rows = await t.db.query<{ name: string; n: number; h: string }>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, `${row.n}:${row.h}`]));
}

/** Signs in as a browser would (two-factor included) and keeps the cookies and the form token its pages show. */
async function signIn(t: TestApp, actor: Actor): Promise<Session> {
  const visitor = new Visitor(t.app);
  if (actor.email) await visitor.signIn(actor.email, DEMO_PASSWORD);
  const page = await visitor.get('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`No form token for ${actor.email ?? 'a signed-out visitor'}`);
  const session = visitor.cookie('wm_session');
  if (actor.email && !session) throw new Error(`Could not sign in as ${actor.email}`);
  const cookie = [`wm_csrf=${visitor.cookie('wm_csrf') ?? ''}`, ...(session ? [`wm_session=${session}`] : [])].join('; ');
  return { actor, cookie, csrf };
}

const engine = ENGINES[0]!;

describe(`Fuzz: every bad input is a 4xx (${engine.name})`, () => {
  let t: TestApp;
  let fixtures: Fixtures;
  const sessions: Session[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    for (const actor of ACTORS) if (!actor.createAs) sessions.push(await signIn(t, actor));
    const linkWorker = sessions.find((s) => s.actor.key === 'linkWorker')!;
    fixtures = await findFixtures(t.db, {
      linkWorkerGet: async (url) => (await t.app.inject({ method: 'GET', url, headers: { cookie: linkWorker.cookie } })).body,
      linkWorkerPost: async (url) => {
        const res = await t.app.inject({
          method: 'POST',
          url,
          payload: `_csrf=${linkWorker.csrf}`,
          headers: { cookie: linkWorker.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        });
        return { status: res.statusCode, body: res.body };
      },
      getJson: async (url) => JSON.parse((await t.app.inject({ method: 'GET', url })).body) as unknown,
    });
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers thousands of malformed requests over every route without a server error, and changes nothing', async () => {
    const r = prng(SEED);
    const names = fieldNames();
    const routes = (t.app as unknown as { routeTable: { method: string; url: string }[] }).routeTable
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !SKIPPED.has(key));
    const failures: string[] = [];
    const changes: string[] = [];
    let sent = 0;
    const statuses = new Map<string, number>();
    // Opening "set up two-factor sign-in" keeps a new authenticator key waiting for its first code,
    // whatever the request held: each signed-in actor opens it once before anything is compared.
    for (const session of sessions) {
      if (session.actor.email) await t.app.inject({ method: 'GET', url: '/account/two-factor', headers: { cookie: session.cookie } });
    }
    const started = await checksums(t, true);
    let before = await checksums(t);

    for (const key of routes) {
      const entry = ACCESS_TABLE[key];
      if (!entry) throw new Error(`${key} is not in the access table (the access matrix test says which)`);
      const method = key.slice(0, key.indexOf(' ')) as InjectOptions['method'] & string;
      const accepted: string[] = [];
      for (let i = 0; i < VARIANTS_PER_ROUTE; i++) {
        const s = actorFor(r, entry, sessions);
        const url = pathFor(r, key, entry, fixtures, r.chance(0.3));
        const headers: Record<string, string> = { cookie: s.cookie };
        let payload: string | Buffer | undefined;
        let shape = 'query';
        const query = method === 'GET' || r.chance(0.2) ? `?${encodedFields(r, names, {})}` : '';
        if (method !== 'GET' && method !== 'OPTIONS') {
          shape = r.pick([
            'form',
            'form',
            'form',
            'json',
            'multipart',
            'text',
            'none',
            ...(entry.form && !ACTS_ON_ANY_POST.has(key) ? ['spoilt', 'spoilt', 'spoilt'] : []),
          ]);
          const poison = needsNoFields(key, entry);
          if (shape === 'spoilt') {
            const spoilt = spoiltForm(r, entry.form!, s.csrf);
            shape = `spoilt form (${spoilt.kind})`;
            headers['content-type'] = 'application/x-www-form-urlencoded';
            payload = spoilt.payload;
          } else if (shape === 'form') {
            headers['content-type'] = 'application/x-www-form-urlencoded';
            payload = encodedFields(r, names, { csrf: s.csrf, poison });
          } else if (shape === 'json') {
            headers['content-type'] = r.pick(['application/json', 'application/json; charset=utf-8']);
            payload = jsonBody(r, names, s.csrf);
          } else if (shape === 'multipart') {
            const m = multipart(r, names, s.csrf);
            shape = `multipart (${m.kind})`;
            headers['content-type'] = m.contentType;
            payload = m.payload;
          } else if (shape === 'text') {
            headers['content-type'] = r.pick(['text/plain', 'application/xml', 'application/octet-stream']);
            payload = `_csrf=${s.csrf}&${r.pick(POISON)}`;
          }
        }
        let res: LightMyRequestResponse;
        try {
          res = await t.app.inject({ method, url: `${url}${query}`, headers, ...(payload === undefined ? {} : { payload }) });
        } catch (err) {
          failures.push(`${method} ${url}${query.slice(0, 80)} [${shape}, ${s.actor.key}]: threw ${(err as Error).message}`);
          continue;
        }
        sent++;
        const bucket = `${shape.replace(/ \(.*/, '')} ${res.statusCode}`;
        statuses.set(bucket, (statuses.get(bucket) ?? 0) + 1);
        if (res.statusCode < 400) accepted.push(`${res.statusCode} [${shape}, ${s.actor.key}] ${String(payload ?? '').slice(0, 160)}`);
        if (res.statusCode >= 500) {
          failures.push(
            `${res.statusCode} ${method} ${url.slice(0, 100)}${query.slice(0, 120)} [${shape}, ${s.actor.key}] ${String(payload ?? '').slice(0, 160)}`,
          );
        }
      }
      const after = await checksums(t);
      const changed = Object.keys(after).filter((name) => before[name] !== after[name]);
      if (changed.length) changes.push(`${key}: ${changed.join(', ')} after ${accepted.join(' | ') || 'no accepted request'}`);
      before = after;
    }

    const finished = await checksums(t, true);
    const changedReference = Object.keys(finished).filter((name) => REFERENCE.has(name) && started[name] !== finished[name]);
    if (changedReference.length) changes.push(`reference data: ${changedReference.join(', ')}`);
    if (process.env.FUZZ_REPORT)
      console.log(
        [...statuses]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );

    expect.soft(failures, `${failures.length} server errors:\n${failures.slice(0, 60).join('\n')}`).toEqual([]);
    expect.soft(changes, 'malformed requests changed data').toEqual([]);
    expect(sent, 'requests answered').toBeGreaterThan(2_500);
  }, 300_000);
});
