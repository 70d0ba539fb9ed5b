import jsQRModule from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

// jsqr is a CommonJS bundle: its function is the module or its `default`, depending on the loader.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/**
 * Every QR code on the page, read back from one full-page screenshot by an independent decoder (jsQR,
 * not the library that drew them): the screenshot is cut at each code's box (with its quiet zone) and
 * each piece decoded. Returns the decoded texts in page order; null where a code did not decode.
 */
export async function decodeQrCodes(page: Page, selector = 'svg.app-qr'): Promise<(string | null)[]> {
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
    }),
  );
  const shot = PNG.sync.read(await page.screenshot({ fullPage: true, scale: 'device' }));
  const ratio = shot.width / (await page.evaluate(() => document.documentElement.clientWidth));
  return boxes.map((b) => {
    const pad = 8;
    const x0 = Math.max(0, Math.floor((b.x - pad) * ratio));
    const y0 = Math.max(0, Math.floor((b.y - pad) * ratio));
    const w = Math.min(shot.width - x0, Math.ceil((b.width + 2 * pad) * ratio));
    const h = Math.min(shot.height - y0, Math.ceil((b.height + 2 * pad) * ratio));
    const piece = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      const from = ((y0 + y) * shot.width + x0) * 4;
      piece.set(shot.data.subarray(from, from + w * 4), y * w * 4);
    }
    return jsQR(piece, w, h)?.data ?? null;
  });
}

/** How many pages a PDF has (Chromium writes one /Type /Page object per page). */
export const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
