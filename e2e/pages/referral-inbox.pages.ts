import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { expectAccessible, submit } from '../harness.ts';
import { PathwayPage } from './referral.pages.ts';

/** Provider staff: the referrals inbox, replying, the first visit and attendance registers. */
export class InboxPages extends PathwayPage {
  async openInbox(): Promise<void> {
    await this.menu('Referrals inbox');
    assert.equal(this.path(), '/inbox');
    assert.equal(await this.h1(), 'Referrals to your activities');
  }

  /** The inbox row for a person: [person, activity, sent, reply by, status]. */
  async inboxRow(person: string): Promise<string[]> {
    const row = this.page.locator('tbody tr').filter({ has: this.page.getByRole('link', { name: person, exact: true }) });
    assert.equal(await row.count(), 1, `one inbox row for ${person}`);
    return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
  }

  async openReferral(person: string): Promise<string> {
    await this.follow(new RegExp(`^${person}$`), this.page.locator('tbody'));
    assert.match(this.path(), /^\/inbox\/[0-9a-f-]{36}$/);
    return this.idFromPath();
  }

  async decline(reason?: string, note?: string): Promise<void> {
    if (reason) await this.option('Why can you not accept this referral?', reason).check();
    if (note !== undefined) await this.page.getByLabel('Explain (needed for another reason)').fill(note);
    await this.press(/^Decline$/);
  }

  /** Plans the first visit for a date given as day, month and year (a buddy scheme, which has no sessions to choose from). */
  async planFirstVisitOnDate(date: { day: string; month: string; year: string }, buddy: string, transport: string): Promise<void> {
    const when = this.page.getByRole('group', { name: 'Date of the first visit' });
    await when.getByLabel('Day').fill(date.day);
    await when.getByLabel('Month').fill(date.month);
    await when.getByLabel('Year').fill(date.year);
    await this.page.getByLabel('Buddy going with them (optional)').fill(buddy);
    await this.page.getByLabel('How they will get there (optional)').fill(transport);
    await this.press('Save first visit plan');
  }

  /** Plans the first visit on one of the activity's next sessions (0 = the soonest); returns the session chosen. */
  async planFirstVisit(session: number, buddy: string, transport: string): Promise<string> {
    const choice = this.page.getByRole('group', { name: 'When is the first visit?' }).getByRole('radio').nth(session);
    const label = (await this.page.locator(`label[for="${await choice.getAttribute('id')}"]`).innerText()).trim();
    await choice.check();
    await this.page.getByLabel('Buddy going with them (optional)').fill(buddy);
    await this.page.getByLabel('How they will get there (optional)').fill(transport);
    await this.press('Save first visit plan');
    return label;
  }

  /** Opens an activity's register, chooses the session by its position in the list (0 = latest) and shows it. */
  async openRegister(activity: string, sessionIndex: number): Promise<string> {
    await this.openInbox();
    await this.follow('Attendance registers');
    await this.follow(activity, this.page.locator('main'));
    assert.equal(await this.h1(), `Register: ${activity}`);
    const session = this.page.getByLabel('Session');
    const options = await session.locator('option').allInnerTexts();
    assert.ok(options.length > sessionIndex, `a session ${sessionIndex + 1} in ${options.join(', ')}`);
    const label = options[sessionIndex]!.trim();
    await session.selectOption({ label });
    await this.press('Show register');
    assert.equal(await this.page.locator('main h2').first().innerText(), label);
    return label;
  }

  registerLine(person: string): Locator {
    return this.page.getByRole('group', { name: person, exact: true });
  }
}

/** The public "Refer yourself" form on an activity page. */
export class SelfReferralPages extends PathwayPage {
  async openActivity(title: string): Promise<void> {
    await this.page.goto(`/activities?q=${encodeURIComponent(title)}`);
    await expectAccessible(this.page);
    await this.follow(new RegExp(`^${title}$`), this.page.locator('main'));
    assert.equal(await this.h1(), title);
  }

  async fill(v: { name: string; contact: string; phone?: string; email?: string; postcode?: string; hopes?: string; support?: string }): Promise<void> {
    const pg = this.page;
    await pg.getByLabel('What would you like to be called?').fill(v.name);
    await this.option('How would you like them to contact you?', v.contact).check();
    if (v.phone) await pg.getByLabel('Phone number').fill(v.phone);
    if (v.email) await pg.getByLabel('Email address').fill(v.email);
    if (v.postcode) await pg.getByLabel('Postcode (optional)').fill(v.postcode);
    if (v.hopes) await pg.getByLabel('What would you like to get from going? (optional)').fill(v.hopes);
    if (v.support) await pg.getByLabel('Is there anything that would help you take part? (optional)').fill(v.support);
  }

  async send(): Promise<void> {
    await submit(this.page, /^Send$/);
    await expectAccessible(this.page);
  }
}
