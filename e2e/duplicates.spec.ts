import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, newContext, signIn, submit, visit } from './harness.ts';
import { ProviderPages } from './pages/provider.pages.ts';

const env = useAppAndBrowser();

/** Issue 12: a second person signs the Yarmouth Heritage Trust up again; the coordinator merges the two (JavaScript on, axe). */
describe('possible duplicates (JavaScript on)', () => {
  it('a provider is asked whether their organisation is already here, and a coordinator merges the two', async () => {
    const ctx = await newContext(env.browser, { javaScript: true, baseUrl: env.app.baseUrl });
    const page = await ctx.newPage();
    const pp = new ProviderPages(page);
    await pp.signUp('Pat Gould', 'pat.gould@yarmouth-trust.example');
    await page.getByLabel('Organisation name').fill('The Yarmouth Heritage Trust');
    await page.getByLabel('Heritage or archaeology trust', { exact: true }).check();
    await page.getByLabel('Email address').fill('hello@yarmouth-trust.example');
    await submit(page, 'Send for approval');
    assert.match(await page.locator('main').innerText(), /Is your organisation already here\?[\s\S]*Yarmouth Heritage Trust/);
    await expectAccessible(page);
    await submit(page, 'It is a different organisation: send for approval');
    assert.equal(new URL(page.url()).pathname, '/provider');
    await pp.addPlace({ name: 'Row 111 Houses', town: 'Great Yarmouth', postcode: 'NR30 2RG' });
    await ctx.close();

    const coordinator = await newContext(env.browser, { javaScript: true, baseUrl: env.app.baseUrl });
    const cp = await coordinator.newPage();
    await signIn(cp, DEMO.coordinator);
    await visit(cp, '/coordinator/duplicates');
    const pair = cp.locator('li.app-result', { has: cp.getByRole('heading', { name: /The Yarmouth Heritage Trust/ }) });
    assert.match(await pair.innerText(), /They have places at the same postcode/);
    await pair.getByLabel('Yarmouth Heritage Trust', { exact: true }).check();
    await Promise.all([cp.waitForLoadState('load'), pair.getByRole('button', { name: 'Merge these two' }).click()]);
    await cp.waitForLoadState('load');
    assert.match(await cp.locator('main').innerText(), /The two records have been merged/);
    assert.equal(await cp.getByRole('heading', { name: /The Yarmouth Heritage Trust/ }).count(), 0);
    await expectAccessible(cp);
    await coordinator.close();
  });
});

/** Issue 12: the demo's own likely duplicates, merged with JavaScript off (the journey is plain forms), axe on every page. */
describe('possible duplicates (JavaScript off)', () => {
  it('a coordinator sees the demo pairs on first start, is told to choose which to keep, and merges the organisations then their places', async () => {
    const ctx = await newContext(env.browser, { javaScript: false, baseUrl: env.app.baseUrl });
    const cp = await ctx.newPage();
    await signIn(cp, DEMO.coordinator);
    await visit(cp, '/coordinator/duplicates');
    const organisations = cp.locator('li.app-result', { has: cp.getByRole('heading', { name: /Friends of the Elizabethan House/ }) });
    assert.match(await organisations.innerText(), /Names are the same once spelling differences are set aside/);
    const tolhouse = cp.locator('li.app-result', { has: cp.getByRole('heading', { name: /Tolhouse Gaol/ }) });
    assert.match(await tolhouse.innerText(), /Same postcode/);

    // Nothing chosen: the page says so next to the question, and nothing is merged.
    await Promise.all([cp.waitForLoadState('load'), organisations.getByRole('button', { name: 'Merge these two' }).click()]);
    await cp.waitForLoadState('load');
    assert.match(await cp.locator('main').innerText(), /Choose which of the two to keep/);
    await expectAccessible(cp);

    const again = cp.locator('li.app-result', { has: cp.getByRole('heading', { name: /Friends of the Elizabethan House/ }) });
    await again.getByLabel('Elizabethan House Friends', { exact: true }).check();
    await Promise.all([cp.waitForLoadState('load'), again.getByRole('button', { name: 'Merge these two' }).click()]);
    await cp.waitForLoadState('load');
    assert.match(await cp.locator('main').innerText(), /The two records have been merged/);
    assert.equal(await cp.getByRole('heading', { name: /Friends of the Elizabethan House/ }).count(), 0);
    await expectAccessible(cp);

    // The two Elizabethan House places now belong to one organisation, so they can be merged too.
    const house = cp.locator('li.app-result', {
      has: cp.getByRole('heading', { name: /^Elizabethan House and The Elizabethan House$|^The Elizabethan House and Elizabethan House$/ }),
    });
    await house.getByLabel('Elizabethan House', { exact: true }).check();
    await Promise.all([cp.waitForLoadState('load'), house.getByRole('button', { name: 'Merge these two' }).click()]);
    await cp.waitForLoadState('load');
    assert.match(await cp.locator('main').innerText(), /The two records have been merged/);
    assert.equal(await cp.getByRole('heading', { name: /The Elizabethan House/ }).count(), 0);

    // Tolhouse and Tolhouse Gaol: said to be different, and not shown again.
    const gaol = cp.locator('li.app-result', { has: cp.getByRole('heading', { name: /Tolhouse Gaol/ }) });
    await Promise.all([cp.waitForLoadState('load'), gaol.getByRole('button', { name: 'They are not the same' }).click()]);
    await cp.waitForLoadState('load');
    await visit(cp, '/coordinator/duplicates');
    assert.equal(await cp.getByRole('heading', { name: /Tolhouse Gaol/ }).count(), 0);
    await ctx.close();
  });
});
