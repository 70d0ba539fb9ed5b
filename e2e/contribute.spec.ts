import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, JS_MODES, newContext, signIn, submit, visit } from './harness.ts';

const env = useAppAndBrowser();

/** A small phone-like photo carrying a GPS position (the served copies must not). */
const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a5c3a' } })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 36/1 30/1' } })
    .jpeg()
    .toBuffer();

for (const mode of JS_MODES) {
  describe(`community heritage (${mode.label})`, () => {
    it('a member of the public adds a place with a photo, a coordinator approves it, and it shows on the doorstep page', async () => {
      const title = `The Regent Road rock shop (${mode.label})`;
      const maureen = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await maureen.newPage();
      await visit(page, '/contribute');
      await signIn(page, 'contributor.yarmouth@waymark.example');
      await visit(page, '/contribute/places/new');
      await page.getByLabel('Name of the place').fill(title);
      await page.getByLabel('What kind of place it is').selectOption('shop');
      await page.getByLabel('Why it matters').fill('Every child in Yarmouth pressed their nose to this window.');
      await page.getByLabel('Postcode').fill('NR30 2RG');
      await page.locator('input[type=file][name=photo]').setInputFiles({ name: 'rock-shop.jpg', mimeType: 'image/jpeg', buffer: await photo() });
      await page.getByLabel('Describe the photo').fill('Sticks of pink rock in the shop window');
      await page.getByLabel('My first name only').check();
      await page.getByLabel('Name to credit').fill('Maureen');
      await submit(page, 'Send for review');
      assert.match(await page.locator('main').innerText(), /Waiting for review/);
      await expectAccessible(page);
      await maureen.close();

      const priya = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const coordinator = await priya.newPage();
      await signIn(coordinator, DEMO.coordinator);
      await visit(coordinator, '/contributions/review');
      await coordinator.getByRole('link', { name: title }).click();
      await expectAccessible(coordinator);
      await coordinator.getByLabel('Publish it').check();
      await submit(coordinator, 'Save decision');
      assert.match(await coordinator.locator('main').innerText(), /Your decision is saved/);
      await priya.close();

      const anyone = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const reader = await anyone.newPage();
      await visit(reader, '/heritage-nearby?where=NR30+2RG&radius=1');
      await reader.getByRole('link', { name: title }).click();
      await expectAccessible(reader);
      assert.match(await reader.locator('main').innerText(), /Shared by Maureen/);
      const img = reader.getByRole('img', { name: 'Sticks of pink rock in the shop window' });
      assert.equal(await img.count(), 1);
      await anyone.close();
    });
  });
}
