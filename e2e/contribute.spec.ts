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
      if (mode.javaScript) {
        // The map picker (progressive enhancement): a click places the pin and fills the hidden position.
        const map = page.getByRole('region', { name: 'Map: click or tap where the place is' });
        await map.waitFor();
        await expectAccessible(page);
        assert.match(await page.locator('.app-map-picker [role=status]').innerText(), /No pin on the map/);
        await map.click({ position: { x: 200, y: 150 } });
        const [lat, lng] = [await page.locator('input[name=latitude]').inputValue(), await page.locator('input[name=longitude]').inputValue()];
        assert.ok(Number(lat) > 49.8 && Number(lat) < 55.9 && Number(lng) > -6.5 && Number(lng) < 2, `a position in England: ${lat}, ${lng}`);
        assert.match(await page.locator('.app-map-picker [role=status]').innerText(), /Pin placed at/);
        await page.getByRole('button', { name: 'Remove the pin' }).click();
        assert.equal(await page.locator('input[name=latitude]').inputValue(), '');
        await page.getByRole('button', { name: 'Put the pin at the centre of the map' }).click();
        assert.notEqual(await page.locator('input[name=latitude]').inputValue(), '');
      } else {
        assert.equal(await page.locator('.app-map-picker').isVisible(), false, 'no map without JavaScript: the postcode is the position');
      }
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

    it('a memory café leader enters a teller’s story, with their consent, private to the group: staff see it, the public never do', async () => {
      const title = `Gutting on the Denes with Doris (${mode.label})`;
      const word = mode.javaScript ? 'Quillerbrook' : 'Wrenfeather';
      const leader = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await leader.newPage();
      await visit(page, '/contribute');
      await signIn(page, DEMO.providerYarmouth);
      await visit(page, '/activities?q=herring+girls+memory+cafe');
      await page.getByRole('link', { name: 'Herring Girls memory café' }).first().click();
      const activityPath = new URL(page.url()).pathname;
      await page.getByRole('link', { name: 'Share a memory or story from this activity' }).click();
      await expectAccessible(page);
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('The memory or story').fill(`Doris ${word} remembers the cold, the salt and the singing.`);
      await page.getByLabel('A group').check();
      await page.getByLabel('Name to credit').fill('Herring Girls memory café');
      // Without the teller's recorded consent nothing is saved: the message is beside the box.
      await submit(page, 'Send for review');
      assert.match(await page.locator('main').innerText(), /There is a problem/);
      await expectAccessible(page);
      await page.getByLabel('They agreed to it being recorded on Waymark, credited and licensed as above').check();
      await page.getByLabel('Keep it private to our group').check();
      await submit(page, 'Send for review');
      assert.match(await page.locator('main').innerText(), /Waiting for review/);

      // The provider moderates memories of its own activities: published, still private to the group.
      await visit(page, '/contributions/review');
      await page.getByRole('link', { name: title }).click();
      await page.getByLabel('Publish it').check();
      await submit(page, 'Save decision');
      await visit(page, activityPath);
      const staffView = await page.locator('main').innerText();
      assert.ok(staffView.includes(title), 'the organisation’s staff see the story on the activity page');
      assert.match(staffView, /Private to the group/);
      await expectAccessible(page);
      await leader.close();

      // The public: not on the activity page, in search, or in the open data.
      const anyone = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const reader = await anyone.newPage();
      await visit(reader, activityPath);
      assert.equal((await reader.locator('main').innerText()).includes(title), false, 'not on the public activity page');
      await visit(reader, `/activities?q=${word}`);
      assert.equal((await reader.locator('main').innerText()).includes('Gutting on the Denes'), false, 'not in search');
      for (const file of ['/open-data/community-heritage.geojson', '/open-data/community-heritage.csv']) {
        const body = await (await anyone.request.get(new URL(file, env.app.baseUrl).href)).text();
        assert.equal(body.includes(word), false, `not in ${file}`);
      }
      await anyone.close();
    });
  });
}
