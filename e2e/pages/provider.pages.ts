import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, emailedLinkPath, expectAccessible, submit } from '../harness.ts';

/** Page objects for provider staff: sign-up, organisation, places, activities and sessions. */

export type NewPlace = { name: string; town: string; postcode: string };
export type NewActivity = { place: string; title: string; summary: string; type: string; cost?: 'Free' | 'Paid'; price?: string };
export type NewSession = {
  frequency: 'Every week' | 'Every other week' | 'Once a month, on the same weekday' | 'One date only';
  weekday?: string;
  week?: 'First' | 'Second' | 'Third' | 'Fourth' | 'Last';
  start: { day: string; month: string; year: string };
  startTime: string;
  endTime: string;
};

export class ProviderPages {
  /** `check: false` skips the axe check on each page, for setting up data another journey reviews. */
  constructor(
    readonly page: Page,
    readonly check = true,
  ) {}

  async accessible(): Promise<void> {
    if (this.check) await expectAccessible(this.page);
  }

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  h1(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  errorSummary(): Promise<string> {
    return this.page.locator('.nhsuk-error-summary').innerText();
  }

  /** The message NHS.UK components put next to a field, by the field's id. */
  fieldError(id: string): Promise<string> {
    return this.page.locator(`#${id}-error`).innerText();
  }

  /** The success banner shown after a redirect. */
  flash(): Promise<string> {
    return this.page.locator('.nhsuk-notification-banner').innerText();
  }

  async signUp(name: string, email: string, password = 'three unrelated words here'): Promise<void> {
    await this.page.goto('/sign-up');
    await this.accessible();
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Work email address').fill(email);
    await this.page.getByLabel('Create a password', { exact: true }).fill(password);
    await submit(this.page, 'Create account');
    assert.equal(this.path(), '/sign-up/check-your-email');
    await this.accessible();
    // The link in the email confirms the address; then they sign in and add their organisation.
    await this.page.goto(await emailedLinkPath(email.toLowerCase(), '/confirm-email'));
    assert.equal(this.path(), '/sign-in');
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await submit(this.page, 'Sign in');
    await this.page.goto('/provider/organisation/new');
    await this.accessible();
  }

  async signInAsDemo(email: string): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await submit(this.page, 'Sign in');
    assert.equal(this.path(), '/provider');
  }

  /** On "Add your organisation": fills it in and sends it for approval. */
  async createOrganisation(org: { name: string; type: string; email: string }): Promise<void> {
    await this.page.getByLabel('Organisation name').fill(org.name);
    await this.page.getByLabel(org.type, { exact: true }).check();
    await this.page.getByLabel('Email address').fill(org.email);
    await submit(this.page, 'Send for approval');
    // A look-alike organisation already in Waymark (another run's, in a shared database) is asked about first (decision 047).
    if (this.path() === '/provider/organisation/new' && (await this.page.getByRole('heading', { name: 'Is your organisation already here?' }).count()) > 0) {
      await submit(this.page, 'It is a different organisation: send for approval');
    }
    assert.equal(this.path(), '/provider');
  }

  async openNewPlace(): Promise<void> {
    await this.page.goto('/provider/places/new');
    await this.accessible();
  }

  async fillPlace(place: NewPlace): Promise<void> {
    await this.page.getByLabel('Name of the place').fill(place.name);
    await this.page.getByLabel('Town or city').fill(place.town);
    await this.page.getByLabel('Postcode').fill(place.postcode);
  }

  async savePlace(): Promise<void> {
    await submit(this.page, 'Save place');
  }

  async addPlace(place: NewPlace): Promise<void> {
    await this.openNewPlace();
    await this.fillPlace(place);
    await this.savePlace();
    assert.equal(this.path(), '/provider/places');
  }

  async openNewActivity(): Promise<void> {
    await this.page.goto('/provider/activities/new');
    assert.equal(this.path(), '/provider/activities/new');
    await this.accessible();
  }

  async fillActivity(a: Partial<NewActivity>): Promise<void> {
    const p = this.page;
    if (a.place !== undefined) await p.getByLabel('Where it happens').selectOption({ label: a.place });
    if (a.title !== undefined) await p.getByLabel('Title', { exact: true }).fill(a.title);
    if (a.summary !== undefined) await p.getByLabel('Summary', { exact: true }).fill(a.summary);
    if (a.type !== undefined) await p.getByLabel(a.type, { exact: true }).check();
    if (a.cost !== undefined) await p.getByLabel(a.cost, { exact: true }).check();
    if (a.price !== undefined) await p.getByLabel('Price in pounds (if it is paid)').fill(a.price);
  }

  /** Sends a new activity and returns its id, from the page it lands on. */
  async sendActivity(): Promise<string> {
    await submit(this.page, 'Send for approval');
    const match = /^\/provider\/activities\/([^/]+)$/.exec(this.path());
    assert.ok(match, `expected the activity page, got ${this.page.url()}`);
    return match[1]!;
  }

  async addActivity(a: NewActivity): Promise<string> {
    await this.openNewActivity();
    await this.fillActivity(a);
    return this.sendActivity();
  }

  /** From the activity page: adds a session and comes back to it. */
  async addSession(s: NewSession): Promise<void> {
    const p = this.page;
    await p.getByRole('link', { name: 'Add a session' }).click();
    await p.waitForLoadState('load');
    await this.accessible();
    await p.getByLabel(s.frequency, { exact: true }).check();
    if (s.weekday) await p.getByLabel('Day of the week').selectOption({ label: s.weekday });
    if (s.week) await p.getByLabel('Which week of the month').selectOption({ label: s.week });
    const first = p.getByRole('group', { name: 'Date of the first session' });
    await first.getByLabel('Day').fill(s.start.day);
    await first.getByLabel('Month').fill(s.start.month);
    await first.getByLabel('Year').fill(s.start.year);
    await p.getByLabel('Start time').fill(s.startTime);
    await p.getByLabel('End time').fill(s.endTime);
    await submit(p, 'Add session');
    assert.match(this.path(), /^\/provider\/activities\/[^/]+$/);
  }

  /** The sessions listed on the activity page: pattern line and "Next:" dates. */
  async sessions(): Promise<{ pattern: string; next: string }[]> {
    const items = this.page.locator('h2:text-is("Sessions") + ul > li');
    const out: { pattern: string; next: string }[] = [];
    for (const li of await items.all()) {
      out.push({ pattern: await li.locator('strong').innerText(), next: await li.locator('.app-result__meta').first().innerText() });
    }
    return out;
  }

  /** From the dashboard: opens a listing by its title and returns its id. */
  async openListing(title: string): Promise<string> {
    await this.page.goto('/provider');
    await this.page.getByRole('link', { name: title, exact: true }).click();
    await this.page.waitForLoadState('load');
    const match = /^\/provider\/activities\/([^/]+)$/.exec(this.path());
    assert.ok(match, `expected the activity page, got ${this.page.url()}`);
    return match[1]!;
  }

  /** From a live listing's page: changes its title and sends the change for approval. */
  async proposeTitle(newTitle: string): Promise<void> {
    await this.page.getByRole('link', { name: 'Edit activity' }).click();
    await this.page.waitForLoadState('load');
    await this.accessible();
    await this.page.getByLabel('Title', { exact: true }).fill(newTitle);
    await submit(this.page, 'Send changes for approval');
    assert.match(this.path(), /^\/provider\/activities\/[^/]+$/);
  }

  /** The tag shown next to a listing on the dashboard. */
  async dashboardState(title: string): Promise<string> {
    await this.page.goto('/provider');
    const item = this.page.locator('li.app-result', { has: this.page.getByRole('link', { name: title, exact: true }) });
    return item.locator('.nhsuk-tag').innerText();
  }
}
