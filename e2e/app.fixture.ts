import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeTime, launchBrowser, startApp, type RunningApp, type StartOptions } from './harness.ts';

/** One app and one browser per spec file; `prepare` runs first and may say how to start the app. */
export function useAppAndBrowser(prepare?: () => Promise<StartOptions>) {
  const state = {} as { app: RunningApp; browser: Browser };
  before(async () => {
    state.app = await startApp(prepare ? await prepare() : {});
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.app?.stop();
    if (axeTime.checks) process.stdout.write(`# axe: ${axeTime.checks} checks, ${(axeTime.ms / 1000).toFixed(1)} s\n`);
  });
  return state;
}
