import type { Locator, Page } from 'playwright-core';

export class SearchPage {
  constructor(private readonly page: Page) {}

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
