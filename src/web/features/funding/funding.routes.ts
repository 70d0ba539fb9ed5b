import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../services.ts';
import { parseCsv } from '../../../data/import/csv.ts';
import { FUNDING_CSV_COLUMNS, FUNDING_PURPOSES, type FundingOpportunity, type FundingPurpose, fundingState, parseFunding } from '../../../domain/funding.ts';
import type { User } from '../../../domain/user.ts';
import { flashFrom } from '../../flash.ts';
import { type FormBody, formBody, rerender } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { str } from '../../form-fields.ts';

const FLASH = {
  added: 'The funding opportunity has been added.',
  removed: 'The funding opportunity has been removed.',
  'reminders-on': 'You will get an email 14 days and 3 days before each funding deadline.',
  'reminders-off': 'You will no longer get funding deadline reminders.',
};
const WHEN = [
  { value: 'open', text: 'Open now' },
  { value: 'closing_soon', text: 'Closing in the next 14 days' },
  { value: 'all', text: 'All, including closed' },
] as const;
const STATE_TAGS = {
  open: { text: 'Open', colour: 'green' },
  closing_soon: { text: 'Closing soon', colour: 'orange' },
  closed: { text: 'Closed', colour: 'grey' },
  rolling: { text: 'Open, no deadline', colour: 'green' },
} as const;
const FIELDS = ['funder', 'programme', 'funds', 'summary', 'amountMin', 'amountMax', 'eligibility', 'areas', 'deadline', 'link'] as const;
const pounds = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function view(o: FundingOpportunity, today: string) {
  const amount =
    o.amountMinPounds !== null && o.amountMaxPounds !== null
      ? `${pounds(o.amountMinPounds)} to ${pounds(o.amountMaxPounds)}`
      : o.amountMaxPounds !== null
        ? `Up to ${pounds(o.amountMaxPounds)}`
        : o.amountMinPounds !== null
          ? `From ${pounds(o.amountMinPounds)}`
          : 'Not stated';
  return {
    ...o,
    amount,
    fundsText: o.funds.map((f) => FUNDING_PURPOSES.find((p) => p.code === f)?.label ?? f).join(', '),
    deadlineText: o.deadline ? longDate(o.deadline) : 'No deadline (rolling)',
    tag: STATE_TAGS[fundingState(o.deadline, today)],
  };
}

/** A single-value field read like every form's (`str`: a repeated field with different answers is refused); `funds` may repeat (checkboxes). */
const textOf = (body: FormBody, key: string) => {
  const v = body[key];
  if (key === 'funds' && Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(';');
  return str(v);
};
const queryText = (q: unknown, key: string) => {
  const v = (q as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.slice(0, 100) : '';
};

async function readCsv(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of parseCsv(
    (async function* () {
      yield text;
    })(),
  ))
    rows.push(row);
  return rows;
}

/** Funding opportunities (decision 047): the public list and CSV, the coordinators' page, providers' reminders. */
export async function registerFundingRoutes(app: FastifyInstance, services: Services) {
  const { funding } = services;

  async function publicPage(query: unknown) {
    const whenText = queryText(query, 'when');
    const when = (WHEN.some((w) => w.value === whenText) ? whenText : 'open') as 'open' | 'closing_soon' | 'all';
    const fundsText = queryText(query, 'funds');
    const funds = FUNDING_PURPOSES.some((p) => p.code === fundsText) ? (fundsText as FundingPurpose) : undefined;
    const area = queryText(query, 'area').trim();
    const today = funding.today();
    const list = await funding.list({ when, area: area || undefined, funds });
    return {
      pageTitle: 'Funding for heritage and wellbeing',
      filters: { when, funds: funds ?? '', area },
      whenItems: WHEN.map((w) => ({ ...w })),
      fundsItems: [{ value: '', text: 'Anything' }, ...FUNDING_PURPOSES.map((p) => ({ value: p.code, text: p.label }))],
      opportunities: list.map((o) => view(o, today)),
      past: area ? await funding.pastAwardsNear(area) : undefined,
    };
  }

  app.get(paths.funding.list, async (request, reply) =>
    reply.view('features/funding/funding.njk', {
      ...(await publicPage(request.query)),
      flash: flashFrom(request.query, FLASH),
      remindersOn: request.user ? ((await funding.remindersOn(request.user)) ?? null) : null,
    }),
  );

  app.get(paths.funding.csv, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="waymark-funding.csv"')
      .send(await funding.exportCsv()),
  );

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    async function managePage(user: User, query: unknown, extra: Record<string, unknown> = {}) {
      const today = funding.today();
      return {
        pageTitle: 'Funding opportunities',
        flash: flashFrom(query, FLASH),
        opportunities: (await funding.list({ when: 'all' })).map((o) => view(o, today)),
        purposes: FUNDING_PURPOSES.map((p) => ({ value: p.code, text: p.label })),
        columns: FUNDING_CSV_COLUMNS.join(', '),
        values: {},
        fieldErrors: {},
        user,
        ...extra,
      };
    }

    scope.get(paths.funding.manage, async (request, reply) => reply.view('features/funding/manage.njk', await managePage(request.user!, request.query)));

    scope.post(paths.funding.manage, async (request, reply) => {
      const body = formBody(request.body);
      const values = Object.fromEntries(FIELDS.map((f) => [f, textOf(body, f)]));
      const parsed = parseFunding(values);
      if (!parsed.ok)
        return rerender(
          reply,
          'features/funding/manage.njk',
          await managePage(request.user!, {}, { values: { ...values, funds: values.funds!.split(';') } }),
          parsed.problems,
        );
      await funding.add(request.user!, parsed.value);
      return reply.redirect(`${paths.funding.manage}?done=added`, 303);
    });

    scope.post(paths.funding.remove, async (request, reply) => {
      await funding.remove(request.user!, textOf(formBody(request.body), 'id'));
      return reply.redirect(`${paths.funding.manage}?done=removed`, 303);
    });

    scope.post(paths.funding.import, async (request, reply: FastifyReply) => {
      const body = formBody(request.body);
      const csv = textOf(body, 'csv');
      const validOnly = textOf(body, 'validOnly') === 'yes';
      if (!csv.trim())
        return rerender(reply, 'features/funding/manage.njk', await managePage(request.user!, {}), [
          { field: 'csv', message: 'Paste the CSV file’s text, with the column titles in the first row' },
        ]);
      if (csv.length > 500_000)
        return rerender(reply, 'features/funding/manage.njk', await managePage(request.user!, {}, { csv: '' }), [
          { field: 'csv', message: 'The CSV must be 500,000 characters or fewer' },
        ]);
      const { report, imported } = await funding.importCsv(request.user!, await readCsv(csv), validOnly);
      const failed = report.rows.filter((r) => !r.ok);
      const status = imported > 0 ? 200 : 422;
      return reply.status(status).view('features/funding/manage.njk', {
        ...(await managePage(request.user!, {}, { csv: imported > 0 ? '' : csv, validOnly })),
        importReport: { ...report, imported, failed: failed.length, total: report.rows.length },
        ...(imported === 0
          ? {
              errors: [
                {
                  text:
                    report.headerProblem ??
                    (failed.length > 0
                      ? `${failed.length} of ${report.rows.length} rows have problems: nothing was imported`
                      : 'The file has no rows to import'),
                  href: '#csv',
                },
              ],
              fieldErrors: { csv: report.headerProblem ?? 'Correct the rows listed below, or choose to import only the valid rows' },
            }
          : {}),
      });
    });
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('provider'));
    scope.post(paths.funding.reminders, async (request, reply) => {
      const on = textOf(formBody(request.body), 'reminders') === 'on';
      await services.funding.setReminders(request.user!, on);
      return reply.redirect(`${paths.funding.list}?done=reminders-${on ? 'on' : 'off'}`, 303);
    });
  });
}
