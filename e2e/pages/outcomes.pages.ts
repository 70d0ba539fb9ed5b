import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from '../harness.ts';
import { parseCsv } from '../../src/data/import/csv.ts';

/**
 * Page objects for outcomes and evidence: a link worker's "Questionnaires due", the questionnaire form
 * (signed in or behind a one-time link), the outcomes report and the administrator's licensed wording.
 */

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type DueRow = { person: string; questionnaire: string; state: string; consented: boolean; linkOpen: boolean };

/** Follows a link or presses a button that loads a page; checks its status (after redirects) and accessibility. */
export async function follow(page: Page, target: Locator, expectStatus = 200): Promise<void> {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  assert.equal(res?.status(), expectStatus, `expected ${expectStatus} on ${page.url()}`);
  await page.waitForLoadState('load');
  await expectAccessible(page);
}

/** Submits the form with that button (JavaScript on or off) and checks the page that comes back. */
export function submitExpecting(page: Page, button: string | RegExp, expectStatus: number): Promise<void> {
  return follow(page, page.getByRole('button', { name: button }).first(), expectStatus);
}

export class QuestionnairesDuePage {
  constructor(readonly page: Page) {}

  /** From the caseload, the way a link worker gets there. */
  async open(): Promise<void> {
    await this.page.goto('/caseload');
    await follow(this.page, this.page.locator('main').getByRole('link', { name: 'Questionnaires due', exact: true }));
    assert.equal(await this.page.locator('h1').innerText(), 'Questionnaires due');
  }

  async rows(): Promise<DueRow[]> {
    const rows = this.page.locator('main table tbody tr');
    const out: DueRow[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const cells = await row.locator('th, td').allInnerTexts();
      const action = cells[3] ?? '';
      out.push({
        person: (cells[0] ?? '').split('\n')[0]!.trim(),
        questionnaire: (cells[1] ?? '').trim(),
        state: (cells[2] ?? '').split('\n').at(-1)!.trim(),
        consented: !/No consent to questionnaires recorded/.test(action),
        linkOpen: /not yet used/.test(action),
      });
    }
    return out;
  }

  row(person: string, questionnaire: string): Locator {
    return this.page
      .locator('main table tbody tr')
      .filter({ has: this.page.locator('th', { hasText: person }) })
      .filter({ hasText: questionnaire });
  }

  /** Makes a one-time link; the page shows it once. Returns its path (the host is the configured public address). */
  async sendLink(person: string, questionnaire: string): Promise<string> {
    await submitExpecting(this.page, new RegExp(`^Send (a|a new) link to ${escapeRe(person)}, ${escapeRe(questionnaire)}$`), 200);
    assert.equal(await this.page.locator('h1').innerText(), 'Questionnaire link made');
    assert.match(await this.page.locator('main').innerText(), /This link is shown only once/);
    const url = (await this.page.locator('main .nhsuk-inset-text p').first().innerText()).trim();
    assert.match(url, /\/questionnaire\/[A-Za-z0-9_-]{43}$/);
    return new URL(url).pathname;
  }

  async fillInWith(person: string, questionnaire: string): Promise<void> {
    await follow(this.page, this.page.getByRole('link', { name: `Fill in with them (${person}, ${questionnaire})` }));
    assert.equal(await this.page.locator('h1').innerText(), 'Wellbeing questionnaire');
  }
}

export class QuestionnaireForm {
  constructor(readonly page: Page) {}

  /** Legends and labels of every question, in order. */
  questions(): Promise<string[]> {
    return this.page
      .locator('main form legend, main form label.nhsuk-label--s')
      .allInnerTexts()
      .then((t) => t.map((s) => s.trim()));
  }

  /** "Part 2 of 4 · questions 8 to 11 of 18", one for each part. */
  async progressLines(): Promise<string[]> {
    return (await this.page.locator('main .app-progress').allInnerTexts()).map((t) => t.replace(/:$/, '').trim());
  }

  /** How one question's choices lie on screen: how many, in how many rows, their right edge and narrowest width. */
  async choiceRows(field: string): Promise<{ count: number; rows: number; right: number; minWidth: number }> {
    const boxes = await this.page
      .locator(`main input[type=radio][name="${field}"] + label`)
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), right: r.right, width: r.width })));
    return {
      count: boxes.length,
      rows: new Set(boxes.map((b) => b.top)).size,
      right: Math.max(...boxes.map((b) => b.right)),
      minWidth: Math.min(...boxes.map((b) => b.width)),
    };
  }

  /** From the top of the first of these parts to the bottom of the last, in CSS pixels at the current width. */
  async partsHeight(instruments: string[]): Promise<number> {
    const boxes = await this.page
      .locator('main [data-instrument]')
      .evaluateAll(
        (els, wanted) =>
          els
            .filter((e) => wanted.includes(e.getAttribute('data-instrument') ?? ''))
            .map((e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom })),
        instruments,
      );
    assert.equal(boxes.length, instruments.length, `the form has parts for ${instruments.join(', ')}`);
    return Math.round(Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top)));
  }

  section(title: string): Locator {
    return this.page.locator('main h2', { hasText: title });
  }

  /** Answers every question shown: a middle option of each scale and a count for health contacts. */
  async answerEverything(healthContacts = '2'): Promise<number> {
    const names = await this.page.locator('main form input[type=radio]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    for (const name of names) {
      const options = this.page.locator(`main form input[type=radio][name="${name}"]`);
      await options.nth(Math.floor(((await options.count()) - 1) / 2)).check();
    }
    await this.page.getByLabel(/how many times have you been in contact with health services/).fill(healthContacts);
    return names.length + 1;
  }

  /** The error next to a field and the summary link to it. */
  async errorFor(field: string): Promise<string> {
    const summary = await this.page.locator('.nhsuk-error-summary').innerText();
    const message = (await this.page.locator(`#${field}-error`).innerText()).replace(/^Error:\s*/, '').trim();
    assert.ok(summary.includes(message), `the error summary repeats "${message}"`);
    assert.equal(await this.page.locator(`.nhsuk-error-summary a[href="#${field}"]`).count(), 1, 'the summary links to the field');
    return message;
  }
}

/** The rows of a downloaded CSV, read with the app's own CSV parser (RFC 4180). */
export async function csvRows(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of parseCsv(
    (async function* () {
      yield text;
    })(),
  ))
    rows.push(row);
  return rows;
}

/** Every count a report cell discloses: whole-number cells, "(n)" after a share, and "reduced n" style counts. */
export function countsIn(cell: string): number[] {
  const counts: number[] = [];
  if (/^\d+$/.test(cell.trim())) counts.push(Number(cell));
  for (const m of cell.matchAll(/\((\d+)\)/g)) counts.push(Number(m[1]));
  const word = /^(reduced|same|increased|not on medication) (\d+)$/.exec(cell.trim());
  if (word) counts.push(Number(word[2]));
  return counts;
}

export class OutcomesReportPage {
  constructor(readonly page: Page) {}

  async summary(): Promise<Record<string, string>> {
    const rows = this.page.locator('main .nhsuk-summary-list__row');
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      out[(await rows.nth(i).locator('dt').innerText()).trim()] = (await rows.nth(i).locator('dd').innerText()).trim();
    }
    return out;
  }

  async referred(): Promise<number> {
    return Number((await this.summary()).Referred);
  }

  async filterByDates(from: string, to: string, expected = 200): Promise<void> {
    await this.page.getByLabel('Referred from').fill(from);
    await this.page.getByLabel('Referred up to').fill(to);
    await follow(this.page, this.page.getByRole('button', { name: 'Show figures' }), expected);
  }

  /** Every chart is an SVG image named by its heading and described, with a table of the same figures. */
  async charts(): Promise<{ title: string; description: string; table: string[][] }[]> {
    const charts = this.page.locator('main .app-chart');
    const out = [];
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      const svg = chart.locator('svg[role="img"]');
      assert.equal(await svg.count(), 1);
      const [titleId, descId] = ((await svg.getAttribute('aria-labelledby')) ?? '').split(' ');
      const title = (await this.page.locator(`#${titleId}`).innerText()).trim();
      const description = (await this.page.locator(`#${descId}`).textContent())?.trim() ?? '';
      const table = chart.locator('table');
      assert.equal((await table.locator('caption').textContent())?.trim(), title, 'the data table has the chart’s title as its caption');
      const rows = [];
      for (const tr of await table.locator('tbody tr').all()) rows.push((await tr.locator('th, td').allTextContents()).map((s) => s.trim()));
      out.push({ title, description, table: rows });
    }
    return out;
  }

  async selectOptions(label: string): Promise<{ value: string; text: string }[]> {
    return this.page
      .getByLabel(label, { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: (o.textContent ?? '').trim() })));
  }
}
