/**
 * Funding opportunities (issue 12, decision 047): a list coordinators keep, public and filterable,
 * with deadline reminders to providers who opt in. Pure rules: what a row must say, whether an
 * opportunity is open or closing soon, and which reminder is due.
 */
import { addDays } from './schedule.ts';
import { isCalendarDate } from './calendar-date.ts';

export const FUNDING_PURPOSES = [
  { code: 'heritage', label: 'Heritage projects' },
  { code: 'wellbeing', label: 'Health and wellbeing' },
  { code: 'volunteering', label: 'Volunteering' },
  { code: 'activities', label: 'Running activities' },
  { code: 'core_costs', label: 'Core costs' },
  { code: 'capital', label: 'Buildings and equipment' },
] as const;
export type FundingPurpose = (typeof FUNDING_PURPOSES)[number]['code'];

export type FundingInput = {
  funder: string;
  programme: string;
  funds: FundingPurpose[];
  summary: string;
  amountMinPounds: number | null;
  amountMaxPounds: number | null;
  eligibility: string;
  areas: string[];
  /** YYYY-MM-DD; null: rolling (no deadline). */
  deadline: string | null;
  link: string;
};

export type FundingOpportunity = FundingInput & { id: string };

/** The CSV columns, in order, for export and import. */
export const FUNDING_CSV_COLUMNS = [
  'Funder',
  'Programme',
  'What it funds',
  'Summary',
  'Minimum amount (£)',
  'Maximum amount (£)',
  'Eligibility',
  'Areas',
  'Deadline',
  'Link',
] as const;

export const CLOSING_SOON_DAYS = 14;
export const REMINDER_DAYS = [14, 3] as const;

export type FundingState = 'open' | 'closing_soon' | 'closed' | 'rolling';

export function fundingState(deadline: string | null, today: string): FundingState {
  if (deadline === null) return 'rolling';
  if (deadline < today) return 'closed';
  return deadline <= addDays(today, CLOSING_SOON_DAYS) ? 'closing_soon' : 'open';
}

/** The reminder due today: 14 (from 14 days before until 4 days before) or 3 (the last 3 days), or none. */
export function reminderDue(deadline: string | null, today: string): 14 | 3 | null {
  if (deadline === null || deadline < today) return null;
  if (deadline <= addDays(today, 3)) return 3;
  if (deadline <= addDays(today, 14)) return 14;
  return null;
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function parseDate(text: string): string | null | 'invalid' {
  const t = text.trim();
  if (t === '' || /^rolling$/i.test(t)) return null;
  let iso = t;
  const uk = UK_DATE.exec(t);
  if (uk) iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : 'invalid';
}

function parsePounds(text: string): number | null | 'invalid' {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '');
  if (t === '') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : 'invalid';
}

const list = (text: string) =>
  text
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

export type FieldProblem = { field: string; message: string };

/** One opportunity from named fields (a form or a CSV row), or every problem with it. */
export function parseFunding(values: Record<string, string>): { ok: true; value: FundingInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: string, label: string, max: number, required: boolean) => {
    const v = (values[field] ?? '').trim();
    if (required && !v) problems.push({ field, message: `Enter the ${label}` });
    if (v.length > max) problems.push({ field, message: `The ${label} must be ${max} characters or fewer` });
    return v;
  };
  const funder = text('funder', 'funder', 200, true);
  const programme = text('programme', 'programme', 200, true);
  const summary = text('summary', 'summary', 2000, false);
  const eligibility = text('eligibility', 'eligibility', 2000, false);
  const link = text('link', 'link', 500, true);
  if (link && !/^https?:\/\/[^\s]+\.[^\s]+$/i.test(link)) problems.push({ field: 'link', message: 'Enter the link as a web address starting https://' });
  const funds: FundingPurpose[] = [];
  for (const item of list(values.funds ?? '')) {
    const found = FUNDING_PURPOSES.find((p) => p.code === item || p.label.toLowerCase() === item.toLowerCase());
    if (found) funds.push(found.code);
    else problems.push({ field: 'funds', message: `“${item}” is not one of: ${FUNDING_PURPOSES.map((p) => p.label).join(', ')}` });
  }
  if (funds.length === 0 && !problems.some((p) => p.field === 'funds')) problems.push({ field: 'funds', message: 'Choose what it funds' });
  const min = parsePounds(values.amountMin ?? '');
  const max = parsePounds(values.amountMax ?? '');
  if (min === 'invalid') problems.push({ field: 'amountMin', message: 'Enter the minimum amount in whole pounds, like 5000' });
  if (max === 'invalid') problems.push({ field: 'amountMax', message: 'Enter the maximum amount in whole pounds, like 10000' });
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    problems.push({ field: 'amountMax', message: 'The maximum amount must be at least the minimum' });
  const deadline = parseDate(values.deadline ?? '');
  if (deadline === 'invalid')
    problems.push({ field: 'deadline', message: 'Enter the deadline as a date, like 2027-03-31 or 31/03/2027, or leave it empty if it is rolling' });
  const areas = list(values.areas ?? '');
  if (areas.length === 0) problems.push({ field: 'areas', message: 'Enter the areas it covers, like England or Norfolk (separate several with ;)' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      funder,
      programme,
      funds: [...new Set(funds)],
      summary,
      amountMinPounds: min as number | null,
      amountMaxPounds: max as number | null,
      eligibility,
      areas,
      deadline: deadline as string | null,
      link,
    },
  };
}

const CSV_FIELDS = ['funder', 'programme', 'funds', 'summary', 'amountMin', 'amountMax', 'eligibility', 'areas', 'deadline', 'link'] as const;

export type ImportReport = { rows: { line: number; ok: boolean; problems: string[]; value?: FundingInput }[]; headerProblem?: string };

/** Checks every row of a CSV (first row: the column titles of FUNDING_CSV_COLUMNS, in any order). */
export function checkFundingCsv(rows: readonly string[][]): ImportReport {
  const [header, ...body] = rows;
  if (!header) return { rows: [], headerProblem: 'The file is empty' };
  const index = FUNDING_CSV_COLUMNS.map((c) => header.findIndex((h) => h.trim().toLowerCase() === c.toLowerCase()));
  const missing = FUNDING_CSV_COLUMNS.filter((_c, i) => index[i] === -1 && i !== 3 && i !== 4 && i !== 5 && i !== 6);
  if (missing.length > 0) return { rows: [], headerProblem: `The first row must name the columns; missing: ${missing.join(', ')}` };
  const report: ImportReport = { rows: [] };
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values = Object.fromEntries(CSV_FIELDS.map((f, k) => [f, index[k]! >= 0 ? (cells[index[k]!] ?? '') : '']));
    const parsed = parseFunding(values);
    report.rows.push(
      parsed.ok ? { line: i + 2, ok: true, problems: [], value: parsed.value } : { line: i + 2, ok: false, problems: parsed.problems.map((p) => p.message) },
    );
  });
  return report;
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A leading = + - @ could run as a formula in a spreadsheet.
  return `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
};

export function fundingCsv(list: readonly FundingInput[]): string {
  const lines = [FUNDING_CSV_COLUMNS.map(csvCell).join(',')];
  for (const f of list)
    lines.push(
      [
        f.funder,
        f.programme,
        f.funds.map((code) => FUNDING_PURPOSES.find((p) => p.code === code)?.label ?? code).join('; '),
        f.summary,
        f.amountMinPounds,
        f.amountMaxPounds,
        f.eligibility,
        f.areas.join('; '),
        f.deadline ?? 'rolling',
        f.link,
      ]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
