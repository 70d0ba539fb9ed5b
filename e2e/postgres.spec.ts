import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { DEMO, launchBrowser, newContext, signIn, startApp, visit, type RunningApp } from './harness.ts';

/** `DATABASE_URL=… npm start` runs the same app on a PostgreSQL server (here with two HTTP workers). */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `waymark_e2e_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

const database = await createDatabase();
if (!database) console.warn('PostgreSQL at 127.0.0.1:5432 is not reachable: skipping the PostgreSQL start-up journey.');

describe('starting on a PostgreSQL server', { skip: !database }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    app = await startApp({ databaseUrl: database!.url, webConcurrency: 2 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await database?.drop();
  });

  it('migrates, seeds the demo data and serves search and sign-in', async () => {
    const ctx = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
    const page = await ctx.newPage();
    await visit(page, '/activities?where=Frome');
    assert.ok((await page.locator('.app-result').count()) > 0, 'demo activities are found near Frome');
    await signIn(page, DEMO.coordinator);
    assert.match(page.url(), /\/coordinator$/);
    await ctx.close();
  });
});
