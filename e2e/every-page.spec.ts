import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openPglite } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { seedDemoData } from '../src/data/seed/seed.ts';
import { systemClock } from '../src/domain/clock.ts';
import { ACCESS_TABLE, type Fixture, type RouteAccess, type Scope } from '../test/access-matrix.table.ts';
import { ACTORS, type Actor } from '../test/access-matrix.actors.ts';
import { findDueQuestionnaire, findRecordFixtures, questionnaireToken, type DueQuestionnaire, type RecordFixtures } from '../test/access-matrix.fixtures.ts';
import { useAppAndBrowser } from './app.fixture.ts';
import { copyDemoDatabase } from './demo-database.ts';
import { accessibilityProblems, JS_MODES, newContext, signIn } from './harness.ts';

/**
 * axe on every page: each GET route of test/access-matrix.table.ts that answers an HTML page, opened
 * by the first "home" actor the access matrix allows to see it (public pages signed out), with
 * JavaScript on and off, one signed-in context per actor and mode. The routes are filled with the same
 * seeded records as the access matrix, read before the server starts. Problems (a wrong status or axe
 * violations) are collected and reported together at the end.
 */
const HOME = new Set(['provider', 'linkWorker', 'connector', 'coordinator', 'admin', 'commissioner', 'buddy', 'volunteerLead', 'contributor']);
const SIGNED_OUT = ACTORS.find((a) => !a.email)!;
const LINK_WORKER = ACTORS.find((a) => a.key === 'linkWorker')!;

/** Not HTML pages (open data, files, downloads), or made last (the one-time questionnaire link). */
const NOT_PAGES = [/^GET \/(api|static|assets|vendor|photos|recordings)\b/, /^GET \/health$/, /\.(csv|json|ics|gpx|geojson)$/, /^GET \/questionnaire\/:token$/];

type Fixtures = RecordFixtures & DueQuestionnaire;
type Visit = { route: string; url: string };

const fixtures = {} as Fixtures;
const problems: string[] = [];
const covered = { pages: 0, routes: new Set<string>() };

const env = useAppAndBrowser(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-every-page-'));
  copyDemoDatabase(dataDir);
  const db = await openPglite(dataDir);
  try {
    await migrate(db);
    await seedDemoData(db, systemClock);
    Object.assign(fixtures, await findRecordFixtures(db));
  } finally {
    await db.close();
  }
  return { dataDir };
});

/** Whether `actor` is shown the page (200) — the access matrix's rule, for GET routes. */
function shownTo(entry: RouteAccess, actor: Actor): boolean {
  if (entry.who === 'public') return ((!actor.role && entry.okSignedOut) || entry.ok || { status: 200 }).status === 200;
  if (!actor.role || !entry.who.includes(actor.role)) return false;
  const scope: Scope | undefined = typeof entry.scope === 'string' ? entry.scope : entry.scope?.[actor.role];
  if (scope && scope !== 'any' && scope !== 'token' && !actor.reaches.includes(scope)) return false;
  return (entry.ok ?? { status: 200 }).status === 200;
}

/** Who opens each page: public pages signed out, others (and /sign-out) the first home actor shown it. */
function visitorOf(entry: RouteAccess): Actor | undefined {
  if (entry.who === 'public' && shownTo(entry, SIGNED_OUT)) return SIGNED_OUT;
  return ACTORS.find((a) => HOME.has(a.key) && shownTo(entry, a));
}

function urlFor(route: string, entry: RouteAccess): string {
  const value = (name: string) => {
    const found = (fixtures as Partial<Record<Fixture, string>>)[name as Fixture];
    if (!found) throw new Error(`${route}: no fixture ${name}`);
    return encodeURIComponent(found);
  };
  const url = route.slice(route.indexOf(' ') + 1).replace(/:(\w+)/g, (_m, name: string) => value(entry.params?.[name] ?? name));
  const query = entry.query?.replace(/:(\w+)/g, (_m, name: string) => value(name));
  return query ? `${url}?${query}` : url;
}

/** GET routes answering an HTML page to someone (routes that only redirect, e.g. /provider/activities, have no visitor). */
const PAGES = Object.entries(ACCESS_TABLE).filter(
  ([route, entry]) => route.startsWith('GET ') && !NOT_PAGES.some((skip) => skip.test(route)) && visitorOf(entry),
);

/** The pages `actor` opens (their URLs are known once the fixtures are). */
function routesFor(actor: Actor): [string, RouteAccess][] {
  return PAGES.filter(([, entry]) => visitorOf(entry) === actor);
}

/**
 * Opens the page and notes a wrong status or any accessibility problem. axe runs on the page as
 * enhanced by JavaScript (a superset of the server's HTML); without JavaScript every page is opened
 * and must render its heading, and the journeys run axe without JavaScript on the pages they use.
 * (Running axe twice on every page made CI too long for its 45 minutes.)
 */
async function check(page: Page, visit: Visit, who: string, javaScript: boolean): Promise<void> {
  const res = await page.goto(visit.url);
  const status = res?.status();
  const type = res?.headers()['content-type'] ?? '';
  covered.pages++;
  covered.routes.add(visit.route);
  if (status !== 200 || !type.startsWith('text/html')) {
    problems.push(`${visit.route} (${visit.url}), ${who}: expected a 200 HTML page, got ${status} ${type}`);
    return;
  }
  if (!javaScript) {
    if ((await page.locator('h1').count()) === 0) problems.push(`${visit.route} (${visit.url}), ${who}: no heading without JavaScript`);
    return;
  }
  const found = await accessibilityProblems(page);
  if (found.length) problems.push(`${visit.route} (${visit.url}), ${who}:\n  ${found.join('\n  ')}`);
}

async function signedInPage(actor: Actor, javaScript: boolean): Promise<Page> {
  const ctx = await newContext(env.browser, { javaScript, baseUrl: env.app.baseUrl });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  if (actor.email) {
    await signIn(page, actor.email);
    assert.ok(!new URL(page.url()).pathname.startsWith('/sign-in'), `${actor.email} could not sign in`);
  }
  return page;
}

/** The due questionnaire is found as the access matrix finds it: on the link worker's page, once the app runs. */
let dueFound: Promise<void> | undefined;
function findDue(): Promise<void> {
  dueFound ??= (async () => {
    const page = await signedInPage(LINK_WORKER, true);
    Object.assign(
      fixtures,
      await findDueQuestionnaire(async (url) => {
        await page.goto(url);
        return page.content();
      }),
    );
    await page.context().close();
  })();
  return dueFound;
}

/** Opens every page `actor` is shown, in one context (signed in once). */
async function visitAll(actor: Actor, javaScript: boolean, label: string): Promise<void> {
  const page = await signedInPage(actor, javaScript);
  for (const [route, entry] of routesFor(actor)) await check(page, { route, url: urlFor(route, entry) }, `${actor.label}, ${label}`, javaScript);
  await page.context().close();
}

describe('every page, with JavaScript on and off', () => {
  // The two modes run side by side (each renderer on its own core); each actor signs in once per mode.
  for (const actor of [SIGNED_OUT, ...ACTORS.filter((a) => HOME.has(a.key))].filter((a) => routesFor(a).length)) {
    it(`as ${actor.label}: ${routesFor(actor).length} pages`, async () => {
      await findDue();
      await Promise.all(JS_MODES.map((mode) => visitAll(actor, mode.javaScript, mode.label)));
    });
  }

  // Made last: each new link stops the one before working (opening a link does not use it up).
  for (const mode of JS_MODES) {
    it(`a one-time questionnaire link (${mode.label})`, async () => {
      await findDue();
      const lw = await signedInPage(LINK_WORKER, mode.javaScript);
      await lw.goto('/caseload/questionnaires');
      const { questionnaireReferral, timePoint } = fixtures;
      await Promise.all([
        lw.waitForLoadState('load'),
        lw.locator(`form[action="/caseload/questionnaires/${questionnaireReferral}/${timePoint}/link"] button`).click(),
      ]);
      await lw.waitForLoadState('load');
      const made = await accessibilityProblems(lw);
      if (made.length) problems.push(`POST /caseload/questionnaires/:referralId/:timePoint/link, ${LINK_WORKER.label}, ${mode.label}:\n  ${made.join('\n  ')}`);
      const token = questionnaireToken(await lw.content());
      assert.ok(token, 'the link worker is shown the new link');
      await lw.context().close();

      const person = await signedInPage(SIGNED_OUT, mode.javaScript);
      await check(person, { route: 'GET /questionnaire/:token', url: `/questionnaire/${token}` }, `signed out, ${mode.label}`, mode.javaScript);
      await person.context().close();
    });
  }
});

after(() => {
  process.stdout.write(`# every page: ${covered.routes.size} routes, ${covered.pages} page visits (JavaScript on and off)\n`);
});

it('finds no accessibility problems on any page', () => {
  assert.equal(covered.pages, (PAGES.length + 1) * JS_MODES.length, 'every page (and the questionnaire link) was opened in both modes');
  assert.equal(problems.length, 0, `${problems.length} pages with problems:\n${problems.sort().join('\n')}`);
});
