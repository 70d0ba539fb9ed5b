import { randomUUID } from 'node:crypto';
import type { Db } from '../data/database.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import type { OrukImportRepository, RunRow } from '../data/repositories/oruk-import.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { BadInput, Forbidden } from '../domain/errors.ts';
import { isMappingTarget, needsDetail, readFeedPage, type FeedVersion, type ImportedService, type TermTarget } from '../domain/oruk-import.ts';
import { londonDate } from '../domain/schedule.ts';
import type { ModerationArea } from '../domain/scheme-area.ts';
import { isCoordinator, type User } from '../domain/user.ts';
import { type FeedFetcher, limiter, feedServicesAddress, pageAddress, serviceDetailAddress } from './oruk-feed-fetch.ts';
import { createRecordImporter, type ImportContext } from './oruk-import-record.ts';

/**
 * Importing a directory from an Open Referral UK feed, 1.0 or 3.0 (decision 046). Pages are read in
 * order, at most two requests at a time; each service is written in its own transaction (its
 * organisation, place, activity, sessions and lineage together, or nothing), and each page is
 * recorded as done once its services are, so a run that is stopped resumes after its last page.
 * A dry run reads the same way and writes nothing.
 */
export type ImportSourceInput = { kind: 'url'; address: string } | { kind: 'file'; name: string; json: unknown };
export type ImportRequest = { source: ImportSourceInput; dryRun: boolean; markTrusted?: boolean };
export type ImportReport = {
  runId: string | null;
  dryRun: boolean;
  version: FeedVersion | null;
  pages: number;
  resumedAfterPage: number;
  rows: RunRow[];
  counts: { created: number; updated: number; unchanged: number; rejected: number; withdrawn: number };
  unmapped: { label: string; records: number }[];
  /** Why reading stopped early (a page that could not be read, a loop, the page limit), if it did. */
  stopped: string | null;
  trusted: boolean;
};
export type ImportLimits = { maxPages: number; concurrency: number };
/** A turn of the background job reads at most this many pages, then lets the run go until the next turn. */
export type ImportTurn = { pageBudget: number };
/** How long a reader holds a run without finishing a page before another may carry it on (a page may take minutes of retries). */
export const RUN_LEASE_MS = 10 * 60 * 1000;

export function createOrukImportService(deps: { db: Db; repo: OrukImportRepository; clock: Clock; fetcher: FeedFetcher; limits?: Partial<ImportLimits> }) {
  const { db, repo, clock, fetcher } = deps;
  const limits: ImportLimits = { maxPages: 500, concurrency: 2, ...deps.limits };
  const { importOne, importService } = createRecordImporter({ db, repo });

  const mayImport = (actor: User | null) => {
    if (actor && !isCoordinator(actor)) throw new Forbidden();
  };

  async function run(actor: User | null, request: ImportRequest, turn?: ImportTurn): Promise<ImportReport> {
    mayImport(actor);
    const address = request.source.kind === 'url' ? feedServicesAddress(request.source.address) : `file:${request.source.name}`;
    const now = clock.now();
    const today = londonDate(now);
    const sourceName = request.source.kind === 'url' ? new URL(address).host : request.source.name;
    const existingSource = await repo.findSource(address);
    const source = request.dryRun ? existingSource : await repo.ensureSource(address, sourceName, now);
    if (source && !request.dryRun && request.markTrusted !== undefined && request.markTrusted !== source.trusted) {
      await repo.setTrusted(source.id, request.markTrusted, actor?.id ?? null, now);
      source.trusted = request.markTrusted;
    }
    const trusted = request.markTrusted ?? source?.trusted ?? false;
    const tableMappings = await repo.mappings();
    const slot = limiter(limits.concurrency);
    const get = (url: string) => slot(() => fetcher(url));

    const report: ImportReport = {
      runId: null,
      dryRun: request.dryRun,
      version: null,
      pages: 0,
      resumedAfterPage: 0,
      rows: [],
      counts: { created: 0, updated: 0, unchanged: 0, rejected: 0, withdrawn: 0 },
      unmapped: [],
      stopped: null,
      trusted,
    };
    const unmapped = new Map<string, { label: string; records: number }>();
    const seenInFeed = new Map<string, number>();

    let page = 1;
    let next: string | null = request.source.kind === 'url' ? address : null;
    let runId: string | null = null;
    // Whoever reads a run's pages holds its lease, renewed after each page: the background job and the command line never read one run at once.
    const owner = randomUUID();
    const leaseFrom = (t: Date) => new Date(t.getTime() + RUN_LEASE_MS);
    if (!request.dryRun && source) {
      const unfinished = await repo.unfinishedRun(source.id);
      if (unfinished && request.source.kind === 'url' && unfinished.nextAddress) {
        if (!(await repo.claimRun(unfinished.id, owner, now, leaseFrom(now)))) {
          throw new BadInput('This directory is being imported now. Wait for that import to finish; its page shows how far it has got');
        }
        runId = unfinished.id;
        page = unfinished.lastPageDone + 1;
        next = unfinished.nextAddress;
        report.resumedAfterPage = unfinished.lastPageDone;
      } else {
        if (unfinished) await repo.finishRun(unfinished.id, 'failed', 'Replaced by a new run', now);
        runId = await repo.startRun(source.id, actor?.id ?? null, now, { lease: { owner, until: leaseFrom(now) } });
      }
    }
    report.runId = runId;
    // The page budget ran out with pages still to read: the run waits for the next turn.
    let paused = false;
    const visited = new Set<string>();
    let previousIds = '';
    // A page that could not be read after some were: the run stays open and the next run starts at that page.
    let resumable = false;
    // Whether the feed's last page was read: only then is a record missing from it gone from the feed.
    let readToEnd = false;

    const fetchPage = async (url: string) => {
      const got = await get(url);
      if (!got.ok) return { error: got.message };
      const parsed = readFeedPage(got.json);
      return parsed ? { parsed } : { error: 'The address did not give an Open Referral page (no content or contents list)' };
    };

    try {
      let pending: ReturnType<typeof fetchPage> | null = null;
      let firstPage: ReturnType<typeof readFeedPage> | undefined;
      if (request.source.kind === 'file') {
        firstPage = readFeedPage(request.source.json);
        if (!firstPage) throw new BadInput('The file is not an Open Referral page (no content or contents list)');
      }
      while (firstPage || next) {
        if (page > limits.maxPages) {
          report.stopped = `Stopped after ${limits.maxPages} pages, the most one import reads`;
          break;
        }
        if (turn && runId && report.pages >= turn.pageBudget) {
          paused = true;
          break;
        }
        let feedPage: NonNullable<typeof firstPage>;
        if (firstPage) {
          feedPage = firstPage;
          firstPage = undefined;
        } else {
          const url = next!;
          visited.add(url);
          const got = await (pending ?? fetchPage(url));
          pending = null;
          if ('error' in got) {
            report.stopped = `Page ${page}: ${got.error}`;
            resumable = report.pages > 0 || report.resumedAfterPage > 0;
            break;
          }
          feedPage = got.parsed;
        }
        report.version ??= feedPage.version;
        readToEnd = feedPage.last;

        // Where the next page is, and whether it is a page already read.
        let following: string | null = null;
        if (request.source.kind === 'url' && !feedPage.last) {
          following = feedPage.next ? new URL(feedPage.next, next ?? address).toString() : pageAddress(address, page + 1);
          if (visited.has(following)) {
            report.stopped = `Page ${page}: the feed’s next link leads back to a page already read, so reading stopped`;
            following = null;
          }
        }
        const ids = feedPage.items.map((i) => (typeof i === 'object' && i && 'id' in i ? String((i as { id: unknown }).id) : '')).join('\u0000');
        if (page > 1 && ids && ids === previousIds) {
          report.stopped = `Page ${page}: the feed gave the same services as the page before, so reading stopped`;
          break;
        }
        previousIds = ids;
        // Two at a time: the next page is on its way while this one's services are read and written.
        if (following) pending = fetchPage(following);

        const items = await Promise.all(
          feedPage.items.map(async (item) => {
            if (request.source.kind !== 'url' || feedPage.version !== '3.0' || !needsDetail(item)) return item;
            const id = typeof item === 'object' && item && 'id' in item ? String((item as { id: unknown }).id) : '';
            if (!id) return item;
            const detail = await get(serviceDetailAddress(address, id));
            return detail.ok ? detail.json : { __error: detail.message, id, name: (item as { name?: unknown }).name };
          }),
        );
        const rows: RunRow[] = [];
        for (const item of items) {
          rows.push(
            ...(await importOne(item, page, {
              sourceId: source?.id ?? null,
              runId,
              trusted,
              dryRun: request.dryRun,
              now,
              today,
              tableMappings,
              unmapped,
              seenInFeed,
            })),
          );
        }
        report.pages++;
        for (const r of rows) if (r.outcome !== 'note') report.counts[r.outcome]++;
        report.rows.push(...rows);
        if (runId) {
          await repo.pageDone(runId, page, following, feedPage.version, rows);
          const at = clock.now();
          await repo.claimRun(runId, owner, at, leaseFrom(at));
        }
        next = following;
        page++;
      }
      if (pending) await pending.catch(() => undefined);
      report.unmapped = [...unmapped.values()].sort((a, b) => b.records - a.records);
      if (source && !request.dryRun) await repo.recordUnmapped(source.id, unmapped, db, report.resumedAfterPage > 0);
      if (source && readToEnd && !report.stopped && (runId || request.dryRun)) {
        const rows = runId
          ? await withdrawGone(source.id, runId, page - 1, report.version ?? '1.0', clock.now())
          : await wouldWithdraw(source.id, report.rows, page - 1);
        report.counts.withdrawn += rows.length;
        report.rows.push(...rows);
      }
      if (runId && (paused || resumable)) await repo.releaseRun(runId, owner, resumable ? report.stopped : null);
      else if (runId) await repo.finishRun(runId, report.stopped && report.pages === 0 ? 'failed' : 'finished', report.stopped, clock.now());
      return report;
    } catch (err) {
      if (runId) await repo.finishRun(runId, 'failed', (err as Error).message.slice(0, 300), clock.now());
      throw err;
    }
  }

  /** After a complete run: the source's listings it no longer has are withdrawn, a row each in the run's report. */
  async function withdrawGone(sourceId: string, runId: string, lastPage: number, version: string, now: Date): Promise<RunRow[]> {
    const gone = await db.transaction(async (tx) => {
      const withdrawn = await repo.withdrawMissing(sourceId, runId, now, tx);
      if (withdrawn.length > 0)
        await refreshActivityIndex(
          tx,
          withdrawn.map((w) => w.id),
          now,
        );
      return withdrawn;
    });
    const rows = gone.map(
      (g): RunRow => ({
        page: lastPage,
        externalId: g.externalId,
        name: g.title,
        outcome: 'withdrawn',
        reason: 'No longer in the directory, so its listing is withdrawn (not deleted)',
      }),
    );
    if (rows.length > 0) await repo.pageDone(runId, lastPage, null, version, rows);
    return rows;
  }

  /** A dry run's rows for the listings a complete run would withdraw (every id the feed gave counts as in it). */
  async function wouldWithdraw(sourceId: string, seen: readonly RunRow[], lastPage: number): Promise<RunRow[]> {
    const gone = await repo.listedButMissing(
      sourceId,
      seen.map((r) => r.externalId),
    );
    return gone.map((g) => ({
      page: lastPage,
      externalId: g.externalId,
      name: g.title,
      outcome: 'withdrawn',
      reason: 'No longer in the directory, so a complete import would withdraw its listing (not delete it)',
    }));
  }

  /**
   * Records already read (a spreadsheet's listings, decision 052) through the same mapping and lineage
   * as a feed, all in one transaction: the whole file lands, or nothing does. `otherRows` are the
   * file's rows that were not imported (bad rows), kept in the run's report; a `complete` file
   * withdraws the source's listings it no longer has.
   */
  async function runRecords(
    actor: User,
    request: {
      address: string;
      name: string;
      services: ImportedService[];
      /** The file's row each service starts on, for the report. */
      firstRows: number[];
      otherRows: RunRow[];
      dryRun: boolean;
      area: ModerationArea;
      complete: boolean;
    },
  ): Promise<ImportReport> {
    mayImport(actor);
    const now = clock.now();
    const existing = await repo.findSource(request.address);
    const source = request.dryRun ? existing : await repo.ensureSource(request.address, request.name, now);
    const report: ImportReport = {
      runId: null,
      dryRun: request.dryRun,
      version: null,
      pages: 1,
      resumedAfterPage: 0,
      rows: [],
      counts: { created: 0, updated: 0, unchanged: 0, rejected: 0, withdrawn: 0 },
      unmapped: [],
      stopped: null,
      trusted: source?.trusted ?? false,
    };
    const ctx: ImportContext = {
      sourceId: source?.id ?? null,
      runId: null,
      trusted: report.trusted,
      dryRun: request.dryRun,
      now,
      today: londonDate(now),
      tableMappings: await repo.mappings(),
      unmapped: new Map(),
      seenInFeed: new Map(),
      area: request.area,
    };
    const importAll = async (c: ImportContext) => {
      const rows: RunRow[] = [];
      for (const [i, s] of request.services.entries()) rows.push(...(await importService(s, request.firstRows[i] ?? 1, c)));
      return rows;
    };
    if (request.dryRun || !source) {
      report.rows = await importAll(ctx);
      if (source && request.complete) report.rows.push(...(await wouldWithdraw(source.id, [...report.rows, ...request.otherRows], 1)));
    } else {
      const unfinished = await repo.unfinishedRun(source.id);
      if (unfinished) await repo.finishRun(unfinished.id, 'failed', 'Replaced by a new run', now);
      const runId = await repo.startRun(source.id, actor.id, now, { lease: { owner: randomUUID(), until: new Date(now.getTime() + RUN_LEASE_MS) } });
      report.runId = runId;
      try {
        report.rows = await db.transaction((tx) => importAll({ ...ctx, runId, tx }));
      } catch (err) {
        await repo.finishRun(runId, 'failed', `Nothing was imported: ${(err as Error).message.slice(0, 200)}`, clock.now());
        throw err;
      }
      await repo.pageDone(runId, 1, null, 'csv', [...report.rows, ...request.otherRows]);
      await repo.recordUnmapped(source.id, ctx.unmapped);
      if (request.complete) report.rows.push(...(await withdrawGone(source.id, runId, 1, 'csv', now)));
      await repo.finishRun(runId, 'finished', null, clock.now());
    }
    for (const r of report.rows) if (r.outcome !== 'note') report.counts[r.outcome]++;
    report.unmapped = [...ctx.unmapped.values()].sort((a, b) => b.records - a.records);
    return report;
  }

  return {
    run,
    runRecords,

    async overview(actor: User) {
      mayImport(actor);
      return { sources: await repo.listSources(), runs: await repo.latestRuns(20) };
    },

    async runReport(actor: User, runId: string) {
      mayImport(actor);
      const found = await repo.findRun(runId);
      return found && { run: found, rows: await repo.runRows(runId) };
    },

    async setTrusted(actor: User, sourceId: string, trusted: boolean) {
      mayImport(actor);
      const source = await repo.findSourceById(sourceId);
      if (!source) return false;
      await repo.setTrusted(sourceId, trusted, actor.id, clock.now());
      return true;
    },

    async mappings(actor: User) {
      mayImport(actor);
      return { mappings: await repo.listMappings(), unmapped: await repo.listUnmapped() };
    },

    /** Maps a feed's term (by its label) onto a Waymark term, or marks it as not used (target null). */
    async setMapping(actor: User | null, term: string, target: TermTarget) {
      mayImport(actor);
      if (target && !isMappingTarget(target.vocabulary, target.code)) throw new BadInput('Unknown Waymark term');
      await repo.setMapping(term.trim().toLowerCase(), target, actor?.id ?? null, clock.now());
    },

    async removeMapping(actor: User, term: string) {
      mayImport(actor);
      await repo.removeMapping(term);
    },
  };
}

export type OrukImportService = ReturnType<typeof createOrukImportService>;
