import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadInput, ValidationFailed } from '../../../domain/errors.ts';
import type { Services } from '../../../services.ts';
import type { SpreadsheetCheck } from '../../../services/listings-csv.service.ts';
import { csvLines } from '../../csv.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { multipartForm } from '../../middleware/multipart-form.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { MAX_SPREADSHEET_BYTES, spreadsheetForm } from './spreadsheet.form.ts';

const FORM = 'features/imports/spreadsheet.njk';
const REPORT = 'features/imports/spreadsheet-report.njk';
const OUTCOME_LABELS: Record<string, string> = {
  created: 'New',
  updated: 'Changed',
  unchanged: 'No change',
  rejected: 'Not imported',
  problem: 'Problem',
  withdrawn: 'Withdrawn',
};

/** Coordinators export their area's listings as a spreadsheet and import one into moderation (decision 052). */
export async function registerSpreadsheetRoutes(app: FastifyInstance, services: Services) {
  const { listingsCsv } = services;

  const formPage = async (_request: FastifyRequest, values: FormBody) => ({
    pageTitle: 'Listings in a spreadsheet',
    values: { sourceName: str(values.sourceName) },
    fieldErrors: {},
  });

  const reportView = (name: string, checked: Extract<SpreadsheetCheck, { ok: true }>) => ({
    pageTitle: 'Check what the import would do',
    sourceName: name,
    checked,
    rows: checked.rows.map((r) => ({ ...r, outcomeLabel: OUTCOME_LABELS[r.outcome] ?? r.outcome })),
  });

  /** A file the service refuses whole (wrong columns, too many rows, problems not accepted) is a message next to the file field. */
  const asFieldError = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof BadInput) throw new ValidationFailed([{ field: 'listingsFile', message: err.message }]);
      throw err;
    }
  };

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    scope.get(paths.imports.spreadsheet, async (request, reply) => reply.view(FORM, await formPage(request, {})));

    scope.get(paths.imports.spreadsheetExport, async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="waymark-listings.csv"')
        .send(csvLines(await listingsCsv.exportRows(request.user!))),
    );

    const multipart = multipartForm({ maxFileBytes: MAX_SPREADSHEET_BYTES, fileAsBytes: true });

    // Always a check first: nothing changes until the person sends the file again to import it.
    scope.post(paths.imports.spreadsheet, multipart, async (request, reply) =>
      handleForm(request, reply, {
        schema: spreadsheetForm,
        view: FORM,
        context: (values) => formPage(request, values),
        handle: async ({ name, text }) => {
          const checked = await asFieldError(() => listingsCsv.check(request.user!, { name, text }));
          if (!checked.ok) throw new ValidationFailed([{ field: 'listingsFile', message: checked.message }]);
          return reply.view(REPORT, reportView(name, checked));
        },
      }),
    );

    scope.post(paths.imports.spreadsheetConfirm, multipart, async (request, reply) =>
      handleForm(request, reply, {
        schema: spreadsheetForm,
        view: FORM,
        context: (values) => formPage(request, values),
        handle: async ({ name, text, validRowsOnly }) => {
          const checked = await asFieldError(() => listingsCsv.importFile(request.user!, { name, text }, validRowsOnly));
          if (!checked.ok) throw new ValidationFailed([{ field: 'listingsFile', message: checked.message }]);
          return checked.report.runId ? paths.imports.run(checked.report.runId) : paths.imports.spreadsheet;
        },
      }),
    );
  });
}
