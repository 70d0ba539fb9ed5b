import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, submit, visit } from '../harness.ts';

/** Page objects for coordinators: dashboard, approval queues, review pages and the stale list. */

export type DashboardCounts = { organisations: number; listings: number; changes: number; stale: number };
export type DiffRow = { field: string; now: string; proposed: string };

const texts = async (locator: Locator) => (await locator.allInnerTexts()).map((t) => t.trim());

export class CoordinatorPages {
  constructor(readonly page: Page) {}

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  h1(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  flash(): Promise<string> {
    return this.page.locator('.nhsuk-notification-banner').innerText();
  }

  async dashboardCounts(): Promise<DashboardCounts> {
    await visit(this.page, '/coordinator');
    const count = async (text: string) => {
      const name = await this.page.getByRole('link', { name: new RegExp(`^\\d+ ${text}$`) }).innerText();
      return Number(name.trim().split(' ')[0]);
    };
    return {
      organisations: await count('organisations waiting for approval'),
      listings: await count('new listings waiting for approval'),
      changes: await count('changes waiting for approval'),
      stale: await count('listings going stale'),
    };
  }

  /** Names of the organisations waiting for approval. */
  async organisationQueue(): Promise<string[]> {
    await visit(this.page, '/coordinator/organisations');
    return texts(this.page.locator('main li.app-result h2'));
  }

  /** Titles of new listings and of live listings with changes waiting, from the listings queue. */
  async listingQueues(): Promise<{ listings: string[]; changes: string[] }> {
    await visit(this.page, '/coordinator/listings');
    return {
      listings: await texts(this.page.locator('h2:text-is("New listings") + ul > li h3')),
      changes: await texts(this.page.locator('h2:text-is("Changes to live listings") + ul > li h3')),
    };
  }

  async openOrganisation(name: string): Promise<void> {
    await visit(this.page, '/coordinator/organisations');
    await this.follow(this.page.getByRole('link', { name, exact: true }));
  }

  async openListing(title: string): Promise<void> {
    await visit(this.page, '/coordinator/listings');
    await this.follow(this.page.locator('h2:text-is("New listings") + ul').getByRole('link', { name: title, exact: true }));
  }

  async openChange(liveTitle: string): Promise<void> {
    await visit(this.page, '/coordinator/listings');
    await this.follow(this.page.locator('h2:text-is("Changes to live listings") + ul').getByRole('link', { name: liveTitle, exact: true }));
  }

  /** The before/after table on a change's review page. */
  async diff(): Promise<DiffRow[]> {
    const rows = this.page.locator('table:has(caption:text-is("Only the fields that change")) tbody tr');
    const out: DiffRow[] = [];
    for (const row of await rows.all()) {
      const [now, proposed] = await texts(row.locator('td'));
      out.push({ field: (await row.locator('th').innerText()).trim(), now: now!, proposed: proposed! });
    }
    return out;
  }

  async decide(button: string, reason?: string): Promise<void> {
    if (reason !== undefined) await this.page.getByLabel('Reason').fill(reason);
    await submit(this.page, button);
  }

  /** Sends a listing or change back to the provider: rejected, or with changes asked for; the words go to the provider. */
  async sendBack(choice: 'Reject it' | 'Ask the provider for changes', words?: string): Promise<void> {
    await this.page.getByLabel(choice, { exact: true }).check();
    if (words !== undefined) await this.page.getByLabel('What needs to change, or why it is rejected').fill(words);
    await submit(this.page, 'Send to the provider');
  }

  /** Titles in the two tables of the "going stale" page. */
  async stale(): Promise<{ expired: string[]; due: string[] }> {
    await visit(this.page, '/coordinator/stale');
    const column = (caption: string) => texts(this.page.locator(`table:has(caption:text-is("${caption}")) tbody tr td:first-child`));
    return {
      expired: await column('Listings not checked for 12 months or more'),
      due: await column('Listings not checked for 6 to 12 months'),
    };
  }

  private async follow(link: Locator): Promise<void> {
    await link.click();
    await this.page.waitForLoadState('load');
    assert.doesNotMatch(await this.h1(), /Page not found|cannot see/);
    await expectAccessible(this.page);
  }
}
