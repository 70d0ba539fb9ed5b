import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadInput, NotFound, ValidationFailed } from '../../../domain/errors.ts';
import { isUuid } from '../../../domain/ids.ts';
import { MAPPABLE_VOCABULARIES } from '../../../domain/oruk-import.ts';
import type { Services } from '../../../services.ts';
import type { ImportReport, ImportRequest } from '../../../services/oruk-import.service.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { multipartForm } from '../../middleware/multipart-form.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { importForm, MAX_FEED_FILE_BYTES, termMappingForm } from './import.form.ts';

const LIST = 'features/imports/imports.njk';
const REPORT = 'features/imports/import-report.njk';
const TERMS = 'features/imports/import-terms.njk';
type WithId = { Params: { id: string } };
const FLASH = {
  mapped: 'The mapping has been saved. The next import uses it.',
  removed: 'The mapping has been removed.',
  trusted: 'The source is trusted: what it brings goes live without review.',
  untrusted: 'The source is no longer trusted: what it brings waits in the review queue.',
};
const OUTCOME_LABELS: Record<string, string> = {
  created: 'New',
  updated: 'Changed',
  unchanged: 'No change',
  rejected: 'Not imported',
  withdrawn: 'Withdrawn',
  note: 'Note',
};

const targets = MAPPABLE_VOCABULARIES.flatMap((v) => v.terms.map((t) => ({ value: `${v.id}:${t.code}`, text: `${v.name}: ${t.label}` })));

/** Coordinators and administrators import directories from Open Referral UK feeds (decision 046). */
export async function registerImportRoutes(app: FastifyInstance, services: Services) {
  const { orukImport } = services;

  const listPage = async (request: FastifyRequest, values: FormBody) => ({
    pageTitle: 'Import a directory',
    flash: flashFrom(request.query, FLASH),
    ...(await orukImport.overview(request.user!)),
    values: { feedUrl: str(values.feedUrl), sourceName: str(values.sourceName), trusted: str(values.trusted) },
    fieldErrors: {},
  });

  const reportView = (r: ImportReport, extra: Record<string, unknown>) => ({
    report: r,
    rows: r.rows.map((row) => ({ ...row, outcomeLabel: OUTCOME_LABELS[row.outcome] ?? row.outcome })),
    ...extra,
  });

  /** A file that is JSON but not a feed page is a message next to the field, like any other bad input. */
  const asFieldError = async <T>(field: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof BadInput) throw new ValidationFailed([{ field, message: err.message }]);
      throw err;
    }
  };
  const runImport = (request: FastifyRequest, input: ImportRequest) =>
    asFieldError(input.source.kind === 'file' ? 'feedFile' : 'feedUrl', () => orukImport.run(request.user!, input));

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    scope.get(paths.imports.list, async (request, reply) => reply.view(LIST, await listPage(request, {})));

    // Always a dry run first: nothing changes until the person confirms.
    scope.post(paths.imports.list, multipartForm({ maxFileBytes: MAX_FEED_FILE_BYTES }), async (request, reply) =>
      handleForm(request, reply, {
        schema: importForm,
        view: LIST,
        context: (values) => listPage(request, values),
        handle: async ({ source, trusted }) => {
          // Ticked trusts the source; unticked leaves it as it is (the sources table stops trusting one).
          const report = await runImport(request, { source, dryRun: true, ...(trusted ? { markTrusted: true } : {}) });
          return reply.view(
            REPORT,
            reportView(report, {
              pageTitle: 'Check what the import would do',
              confirm: source.kind === 'url' ? { feedUrl: source.address, trusted: trusted ? 'yes' : '' } : null,
              sourceName: source.kind === 'file' ? source.name : '',
            }),
          );
        },
      }),
    );

    scope.post(paths.imports.confirm, multipartForm({ maxFileBytes: MAX_FEED_FILE_BYTES }), async (request, reply) =>
      handleForm(request, reply, {
        schema: importForm,
        view: LIST,
        context: (values) => listPage(request, values),
        handle: async ({ source, trusted }) => {
          // A feed is read in the background (the run's page shows how far it has got); a saved file, one page, at once.
          if (source.kind === 'url') {
            const runId = await asFieldError('feedUrl', () =>
              services.importsInBackground.start(request.user!, { address: source.address, markTrusted: trusted }),
            );
            return paths.imports.run(runId);
          }
          const report = await runImport(request, { source, dryRun: false, ...(trusted ? { markTrusted: true } : {}) });
          return report.runId ? paths.imports.run(report.runId) : paths.imports.list;
        },
      }),
    );

    scope.get<WithId>(paths.imports.run(':id'), async (request, reply) => {
      if (!isUuid(request.params.id)) throw new NotFound();
      const found = await orukImport.runReport(request.user!, request.params.id);
      if (!found) throw new NotFound();
      const { run, rows } = found;
      return reply.view(REPORT, {
        pageTitle: `Import from ${run.sourceName}`,
        run,
        // Still being read by the background job: the page says how far it has got and offers a refresh.
        inProgress: run.status === 'running' && run.inBackground,
        refreshHref: paths.imports.run(run.id),
        report: {
          dryRun: false,
          version: run.feedVersion,
          pages: run.lastPageDone,
          counts: { created: run.created, updated: run.updated, unchanged: run.unchanged, rejected: run.rejected, withdrawn: run.withdrawn },
          stopped: run.message,
          unmapped: [],
        },
        rows: rows.map((row) => ({ ...row, outcomeLabel: OUTCOME_LABELS[row.outcome] ?? row.outcome })),
        confirm: null,
      });
    });

    scope.post<WithId>(paths.imports.trust(':id'), async (request, reply) => {
      if (!isUuid(request.params.id)) throw new NotFound();
      const answer = str((request.body as FormBody | undefined)?.trusted);
      if (answer !== 'yes' && answer !== 'no') throw new BadInput('Choose whether to trust the source');
      const trusted = answer === 'yes';
      if (!(await orukImport.setTrusted(request.user!, request.params.id, trusted))) throw new NotFound();
      return reply.redirect(`${paths.imports.list}?done=${trusted ? 'trusted' : 'untrusted'}`, 303);
    });

    const termsPage = async (request: FastifyRequest, values: FormBody) => {
      const { mappings, unmapped } = await orukImport.mappings(request.user!);
      return {
        pageTitle: 'Terms from imported directories',
        flash: flashFrom(request.query, FLASH),
        mappings: mappings.map((m) => ({
          ...m,
          targetText: m.vocabulary ? (targets.find((t) => t.value === `${m.vocabulary}:${m.code}`)?.text ?? '') : 'Not used',
        })),
        unmapped,
        targets,
        values: { term: str(values.term), target: str(values.target) },
        fieldErrors: {},
      };
    };

    scope.get(paths.imports.terms, async (request, reply) => reply.view(TERMS, await termsPage(request, request.query as FormBody)));

    scope.post(paths.imports.terms, async (request, reply) =>
      handleForm(request, reply, {
        schema: termMappingForm,
        view: TERMS,
        context: (values) => termsPage(request, values),
        handle: async ({ term, target }) => {
          await orukImport.setMapping(request.user!, term, target);
          return `${paths.imports.terms}?done=mapped`;
        },
      }),
    );

    scope.post(paths.imports.removeTerm, async (request, reply) => {
      const term = str((request.body as FormBody | undefined)?.term).slice(0, 200);
      if (term) await orukImport.removeMapping(request.user!, term);
      return reply.redirect(`${paths.imports.terms}?done=removed`, 303);
    });
  });
}
