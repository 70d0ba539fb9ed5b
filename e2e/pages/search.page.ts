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

  /** The map above the results (drawn only with JavaScript). */
  map(): Locator {
    return this.page.getByRole('region', { name: /^Map of the activities on this page/ });
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

  /** The "Filter results" control the filters fold behind (open on wide screens with JavaScript). */
  filters(): Locator {
    return this.page.locator('details.app-filters');
  }

  async filtersOpen(): Promise<boolean> {
    return (await this.filters().getAttribute('open')) !== null;
  }

  /** Long filter groups fold into <details> inside "Filter results"; open both so the checkboxes can be used. */
  async openFilterGroup(name: string): Promise<void> {
    if (!(await this.filtersOpen())) await this.filters().locator('summary').first().click();
    const details = this.filters()
      .locator('details', { has: this.page.locator('summary', { hasText: name }) })
      .first();
    if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click();
  }

  /** The line under the search button: "11 activities found". */
  async foundLine(): Promise<string> {
    return (await this.page.locator('#results h2').first().innerText()).trim();
  }

  /** How far below the top of the search button the first result starts, in CSS pixels. */
  async firstResultBelowSearchButton(): Promise<number> {
    const button = await this.page.getByRole('button', { name: 'Search', exact: true }).boundingBox();
    const first = await this.firstResult().boundingBox();
    if (!button || !first) throw new Error('No search button or no result on the page');
    return first.y - button.y;
  }

  /**
   * Adds a result to the shortlist and waits until the page shows it there: with JavaScript the button
   * changes in place; without, the form posts and the page comes back to the same result.
   */
  async addToShortlist(index: number): Promise<string> {
    const result = this.results().nth(index);
    const anchor = (await result.getAttribute('id')) ?? '';
    await result.getByRole('button', { name: /^Add to shortlist/ }).click();
    await this.page
      .locator(`[id="${anchor}"]`)
      .getByRole('button', { name: /^Remove from shortlist/ })
      .waitFor();
    await this.page.waitForLoadState('load');
    return anchor;
  }
}
