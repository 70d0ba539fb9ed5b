import type { Browser, Page } from 'playwright-core';

/** The shortlist, its share link and its printable handout. */
export class ShortlistPage {
  constructor(private readonly page: Page) {}

  /** Makes the short link and returns it (the page shows it in a read-only box). */
  async makeShareLink(): Promise<string> {
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole('button', { name: 'Make a link to share' }).click()]);
    return this.page.getByLabel('Link to this list').inputValue();
  }

  async shareHref(name: 'Email the link' | 'Text the link'): Promise<string> {
    return (await this.page.getByRole('link', { name }).getAttribute('href')) ?? '';
  }

  /**
   * Opens the printable handout and returns the addresses the browser asked for while loading it
   * (a self-contained page asks for nothing but itself).
   */
  async openPrintView(): Promise<string[]> {
    const requested: string[] = [];
    const record = (r: { url(): string }) => requested.push(r.url());
    this.page.on('request', record);
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole('link', { name: /^Print this list/ }).click()]);
    await this.page.waitForLoadState('load');
    this.page.off('request', record);
    return requested;
  }

  /** The number of A4 pages the current page prints on. */
  static async a4Pages(page: Page): Promise<number> {
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    return pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  }

  /** Prints this page's HTML in a browser with no network at all: what a saved copy would print. */
  async a4PagesOffline(browser: Browser): Promise<{ pages: number; qrWidth: string }> {
    const html = await this.page.content();
    const ctx = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const offline = await ctx.newPage();
    await offline.setContent(html, { waitUntil: 'load' });
    await offline.emulateMedia({ media: 'print' });
    const qrWidth = await offline
      .locator('svg.app-qr')
      .first()
      .evaluate((el) => getComputedStyle(el).width);
    const pages = await ShortlistPage.a4Pages(offline);
    await ctx.close();
    return { pages, qrWidth };
  }
}
