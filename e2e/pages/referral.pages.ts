import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO, expectAccessible, submit } from '../harness.ts';

/** Demo accounts on the referral pathway (src/data/seed/demo-accounts.ts). */
export const PATHWAY = {
  linkWorker: 'linkworker.yarmouth@waymark.example',
  linkWorkerFrome: 'linkworker.frome@waymark.example',
  provider: 'provider.yarmouth@waymark.example',
  providerFrome: 'provider.frome@waymark.example',
  /** A seeded person holding a place at the Herring Girls memory café since early November. */
  seededOnRegister: 'Brenda',
} as const;

/** What every page on the pathway has: headings, banners, errors, the timeline; each page is checked with axe. */
export class PathwayPage {
  constructor(readonly page: Page) {}

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  /** The last path segment: the id of the participant or referral on the page. */
  idFromPath(): string {
    return this.path().split('/').filter(Boolean)[1]!;
  }

  h1(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  main(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  flash(): Promise<string> {
    return this.page.locator('.nhsuk-notification-banner').innerText();
  }

  errorSummary(): Promise<string> {
    return this.page.locator('.nhsuk-error-summary').innerText();
  }

  /** The message NHS.UK components put next to a field, by the field's id. */
  fieldError(id: string): Promise<string> {
    return this.page.locator(`#${id}-error`).innerText();
  }

  /** A checkbox or radio, found inside the fieldset with this legend (labels repeat across groups). */
  option(legend: string | RegExp, label: string): Locator {
    return this.page.getByRole('group', { name: legend }).getByLabel(label, { exact: true });
  }

  async signIn(email: string, landsOn: string): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await submit(this.page, 'Sign in');
    assert.equal(this.path(), landsOn);
    await expectAccessible(this.page);
  }

  /** Follows a link in the header menu. */
  async menu(name: string): Promise<void> {
    await Promise.all([this.page.waitForLoadState('load'), this.page.getByRole('navigation').getByRole('link', { name, exact: true }).first().click()]);
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  /** Follows a link, or a link styled as a button (NHS.UK buttons with an href have the button role). */
  async follow(name: string | RegExp, within: Locator | Page = this.page): Promise<void> {
    const target = within.getByRole('link', { name }).or(within.getByRole('button', { name }));
    await Promise.all([this.page.waitForLoadState('load'), target.first().click()]);
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  /** Submits, then checks the page that comes back. */
  async press(button: string | RegExp): Promise<void> {
    await submit(this.page, button);
    await expectAccessible(this.page);
  }

  tag(): Promise<string> {
    return this.page.locator('main .nhsuk-tag').first().innerText();
  }

  /** The referral's timeline, one "what / when, who / note" text per event, oldest first. */
  async timeline(): Promise<string[]> {
    return (await this.page.locator('.app-timeline > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** A summary list's value by its key (a string matches part of the key), on the referral page. */
  async row(key: string | RegExp): Promise<string> {
    const row = this.page
      .locator('.nhsuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .first();
    return (await row.locator('dd').first().innerText()).trim();
  }
}

export type NewPerson = {
  name: string;
  email?: string;
  phone?: string;
  contact: 'Phone call' | 'Email' | 'Text message' | 'Letter';
  postcode: string;
  whatMatters: string;
  needs: string[];
  interests: string[];
  barriers: string[];
  accessNeeds: string[];
  days: string[];
  times: string[];
};

/** A link worker's caseload: people, consent, matches and referrals. */
export class LinkWorkerPages extends PathwayPage {
  async openNewPerson(): Promise<void> {
    await this.menu('Caseload');
    assert.equal(await this.h1(), 'Your caseload');
    await this.follow('Add a person');
    assert.equal(this.path(), '/caseload/new');
  }

  /** Opens the conversation prompts (a details element, so it works without JavaScript) and returns their text. */
  async conversationPrompts(): Promise<string> {
    const details = this.page.locator('details', { hasText: 'Prompts for talking about heritage' });
    await details.locator('summary').click();
    return details.innerText();
  }

  async fillPerson(p: Partial<NewPerson>): Promise<void> {
    const pg = this.page;
    if (p.name !== undefined) await pg.getByLabel('Name they would like to be called').fill(p.name);
    if (p.contact) await this.option('How would they like to be contacted?', p.contact).check();
    if (p.phone !== undefined) await pg.getByLabel('Phone number (needed for phone calls and text messages)').fill(p.phone);
    if (p.email !== undefined) await pg.getByLabel('Email address (needed for email)').fill(p.email);
    if (p.postcode !== undefined) await pg.getByLabel('Postcode (optional)').fill(p.postcode);
    if (p.whatMatters !== undefined) await pg.getByLabel('What matters to them (optional)').fill(p.whatMatters);
    const tick = async (legend: string, labels: string[] | undefined) => {
      for (const label of labels ?? []) await this.option(legend, label).check();
    };
    await tick('What they would like help with (optional)', p.needs);
    await tick('Interests (optional)', p.interests);
    await tick('What might get in the way (optional)', p.barriers);
    await tick('Access must-haves (optional)', p.accessNeeds);
    await tick('Days they are free (optional)', p.days);
    await tick('Times of day (optional)', p.times);
  }

  /** Records consent "just now", given verbally, for the purposes named by their labels. */
  async recordConsent(purposes: string[]): Promise<void> {
    await this.follow('Record consent', this.page.locator('main'));
    assert.equal(await this.h1(), 'Record consent');
    for (const p of purposes) await this.option('What have they agreed to?', p).check();
    await this.option('How did they give consent?', 'Verbally, in conversation').check();
    await this.option('When did they give it?', 'Just now').check();
    await this.press('Record consent');
    assert.match(await this.flash(), /Their consent has been recorded/);
  }

  /** The consent list on a person's record: label → agreed or not. */
  async consent(): Promise<Record<string, string>> {
    const items = await this.page.locator('.app-consent-list li').allInnerTexts();
    return Object.fromEntries(
      items.map((t) => {
        const m = /^(Agreed|Not agreed)\s+(.*)$/s.exec(t.trim())!;
        return [m[2]!.trim(), m[1]!];
      }),
    );
  }

  /** The ranked matches, best first. */
  async matches(): Promise<{ title: string; score: number; text: string }[]> {
    const items = this.page.locator('ol.app-results > li.app-result');
    const out = [];
    for (const li of await items.all()) {
      const text = await li.innerText();
      const score = Number(/Match score (\d+) out of 100/.exec(text)?.[1]);
      out.push({ title: (await li.locator('h3').innerText()).trim(), score, text });
    }
    return out;
  }

  match(title: string): Locator {
    return this.page.locator('li.app-result').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  /** Opens "Why it scored …, factor by factor" on a match and returns its rows: factor → [outcome, why, points]. */
  async explanation(title: string): Promise<Map<string, [string, string, string]>> {
    const item = this.match(title);
    await item.locator('summary', { hasText: 'factor by factor' }).click();
    const rows = new Map<string, [string, string, string]>();
    for (const tr of await item.locator('tbody tr').all()) {
      const factor = (await tr.locator('th').innerText()).trim();
      const cells = (await tr.locator('td').allInnerTexts()).map((c) => c.trim());
      rows.set(factor, [cells[0]!, cells[1]!, cells[2]!]);
    }
    return rows;
  }
}
