import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, visit } from './harness.ts';
import { decodeQrCodes, pdfPageCount } from './pages/qr-codes.ts';

const env = useAppAndBrowser();

/**
 * Heritage walks (decision 043): someone finds Great Yarmouth's Rows, reads its access facts, prints
 * the route card — it fits A4 (one or two pages) and its QR code, read by an independent decoder,
 * leads back to the walk — and (with JavaScript) the GPX download parses as XML with the stops in order.
 */
for (const mode of JS_MODES) {
  describe(`heritage walks (${mode.label})`, () => {
    it('a walk’s route card prints on A4 and its QR code decodes to the walk', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/walks?town=Great+Yarmouth');
      await page.getByRole('link', { name: 'Great Yarmouth’s Rows' }).click();
      await expectAccessible(page);
      assert.match(await page.locator('main').innerText(), /Step-free throughout except stops 2 and 4\./);
      const walkPath = new URL(page.url()).pathname;
      const stops = await page.locator('li[id^="stop-"] h3').allInnerTexts();
      assert.equal(stops.length, 6);
      // Decision 048: the stop's photo loads (described), and the memory of the stop is under it.
      const photo = page.locator('#stop-3 img');
      assert.match((await photo.getAttribute('alt')) ?? '', /^Drawing of a Yarmouth Row/);
      await photo.scrollIntoViewIfNeeded();
      assert.ok((await photo.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))) > 0, 'the stop photo loads');
      assert.match(await page.locator('#stop-3').innerText(), /Hopscotch in Row 111/);

      if (mode.javaScript) {
        // The GPX file, parsed by the browser's own XML parser (strict: any error gives a parsererror document).
        const gpx = await page.evaluate(async (href) => {
          const text = await (await fetch(href)).text();
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          const ns = 'http://www.topografix.com/GPX/1/1';
          return {
            error: doc.getElementsByTagName('parsererror').length > 0,
            version: doc.documentElement.getAttribute('version'),
            licence: doc.getElementsByTagNameNS(ns, 'license')[0]?.textContent ?? null,
            points: [...doc.getElementsByTagNameNS(ns, 'rtept')].map((p) => ({
              name: p.getElementsByTagNameNS(ns, 'name')[0]?.textContent ?? '',
              lat: Number(p.getAttribute('lat')),
              lon: Number(p.getAttribute('lon')),
            })),
          };
        }, `${walkPath}/route.gpx`);
        assert.equal(gpx.error, false);
        assert.equal(gpx.version, '1.1');
        assert.equal(gpx.licence, 'https://creativecommons.org/licenses/by-sa/4.0/');
        assert.deepEqual(
          gpx.points.map((p) => p.name),
          stops,
        );
        for (const p of gpx.points) assert.ok(p.lat > 52.6 && p.lat < 52.61 && p.lon > 1.72 && p.lon < 1.74, `${p.name} is in Great Yarmouth`);
      }

      // The server's own PDF of the route card (decision 035's print-to-PDF, shared): A4, one or two pages.
      const pdfHref = await page.getByRole('link', { name: 'Download the route card as a PDF' }).getAttribute('href');
      assert.equal(pdfHref, `${walkPath}/route-card.pdf`);
      const pdf = await ctx.request.get(new URL(pdfHref!, env.app.baseUrl).href);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      const pdfBytes = await pdf.body();
      assert.match(pdfBytes.toString('latin1'), /\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/, 'A4 pages');
      const pdfPages = pdfPageCount(pdfBytes);
      assert.ok(pdfPages >= 1 && pdfPages <= 2, `the route card PDF has ${pdfPages} A4 pages`);

      await page.getByRole('link', { name: 'Print the route card (A4)' }).click();
      await expectAccessible(page);
      const [decoded] = await decodeQrCodes(page);
      assert.equal(decoded && new URL(decoded).pathname, walkPath);
      await page.emulateMedia({ media: 'print' });
      const pages = pdfPageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
      assert.ok(pages >= 1 && pages <= 2, `the route card prints on ${pages} A4 pages`);
      await visit(page, new URL(decoded!).pathname);
      assert.equal(await page.locator('h1').innerText(), 'Great Yarmouth’s Rows');
      await ctx.close();
    });
  });
}
