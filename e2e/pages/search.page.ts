import type { Locator, Page } from 'playwright-core';

export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Fills in the search form (a page with it must be open) and searches. */
  async search(where: string, what: string): Promise<void> {
    await this.page.getByLabel('Postcode or town').fill(where);
    await this.page.getByLabel('What are you looking for? (optional)').fill(what);
    await Promise.all([this.page.waitForLoadState('load'), this.page.getByRole('button', { name: 'Search', exact: true }).click()]);
    await this.page.waitForLoadState('load');
  }

  /** The "Showing results for …" line, or null when the words were searched as typed. */
  async correction(): Promise<string | null> {
    const line = this.page.locator('main p', { hasText: 'Showing results for' });
    return (await line.count()) ? (await line.first().innerText()).trim() : null;
  }

  results(): Locator {
    return this.page.locator('.app-result');
  }

  firstResult(): Locator {
    return this.results().first();
  }

  async resultTitles(): Promise<string[]> {
    return (await this.results().locator('h2 a, h3 a').allInnerTexts()).map((t) => t.trim());
  }

  async resultTexts(): Promise<string[]> {
    return this.results().allInnerTexts();
  }

  /** Long filter groups fold into <details>; open one so its checkboxes can be used. */
  async openFilterGroup(name: string): Promise<void> {
    const details = this.page.locator('details', { has: this.page.locator('summary', { hasText: name }) }).first();
    if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click();
  }

  async addToShortlist(index: number): Promise<void> {
    const button = this.results()
      .nth(index)
      .getByRole('button', { name: /Add to shortlist/ });
    await Promise.all([this.page.waitForLoadState('load'), button.click()]);
    await this.page.waitForLoadState('load');
  }
}
