import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../domain/errors.ts';

const TIMEOUT_MS = 20_000;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Chromium's print-to-PDF of one of our own printed pages (decision 035), the same page the browser
 * prints: its HTML is given to a headless Chromium that may fetch nothing (every request is refused;
 * the page carries its styles and QR codes). One at a time, with a time limit.
 */
export function printToPdf(chromiumPath: string, html: string): Promise<Buffer> {
  const run = async () => {
    // Loaded on first use: importing Playwright costs over a second, and most processes never print a PDF.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath, timeout: TIMEOUT_MS, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/**
 * "Download as PDF" of one of our own printed pages: `path` (built by the route from parsed input,
 * never a user-supplied URL) is fetched in-process with the visitor's own session, so the PDF shows
 * exactly what they may see, then printed. Without a Chromium the route is not found (the link is
 * not offered then either).
 */
export async function sendPrintedPageAsPdf(
  app: FastifyInstance,
  chromiumPath: string | null,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { path: string; file: string },
) {
  if (!chromiumPath) throw new NotFound('PDF');
  const printed = await app.inject({ method: 'GET', url: page.path, headers: { cookie: request.headers.cookie ?? '' } });
  if (printed.statusCode !== 200) return reply.status(printed.statusCode).type('text/html; charset=utf-8').send(printed.body);
  const pdf = await printToPdf(chromiumPath, printed.body);
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${page.file}.pdf"`).send(pdf);
}
