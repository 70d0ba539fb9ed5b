import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { TermTarget } from '../../domain/oruk-import.ts';
import { importWrites } from './oruk-import-writes.repository.ts';

/** Sources, runs, lineage and term mappings of the Open Referral importer (decision 046), and its writes. */
export type ImportSource = { id: string; address: string; name: string; trusted: boolean };
export type ImportRun = {
  id: string;
  sourceId: string;
  sourceName: string;
  address: string;
  feedVersion: string | null;
  status: 'running' | 'finished' | 'failed';
  lastPageDone: number;
  nextAddress: string | null;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  withdrawn: number;
  message: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Started from the admin page: the `oruk-imports` job reads its pages (decision 056). */
  inBackground: boolean;
};
export type RunRow = {
  page: number;
  externalId: string;
  name: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'rejected' | 'withdrawn' | 'note';
  reason: string;
};
export type LineageKind = 'organisation' | 'place' | 'activity';

type RunRecord = Record<string, unknown>;
const RUN_SELECT = `select r.id, r.source_id, s.name as source_name, s.address, r.feed_version, r.status, r.last_page_done, r.next_address,
  r.created, r.updated, r.unchanged, r.rejected, r.withdrawn, r.message, r.started_at, r.finished_at, r.in_background
  from import_runs r join import_sources s on s.id = r.source_id`;
const toRun = (r: RunRecord): ImportRun => ({
  id: String(r.id),
  sourceId: String(r.source_id),
  sourceName: String(r.source_name),
  address: String(r.address),
  feedVersion: (r.feed_version as string | null) ?? null,
  status: r.status as ImportRun['status'],
  lastPageDone: Number(r.last_page_done),
  nextAddress: (r.next_address as string | null) ?? null,
  created: Number(r.created),
  updated: Number(r.updated),
  unchanged: Number(r.unchanged),
  rejected: Number(r.rejected),
  withdrawn: Number(r.withdrawn),
  message: (r.message as string | null) ?? null,
  startedAt: new Date(r.started_at as string),
  finishedAt: r.finished_at ? new Date(r.finished_at as string) : null,
  inBackground: Boolean(r.in_background),
});

/**
 * The source's ($1) imported listings a complete run withdraws when its feed no longer has them: not
 * already withdrawn by a run, nor by a person (decision 052). The caller adds "not in the feed".
 */
const listedFromSource = `l.source_id = $1 and l.kind = 'activity' and l.withdrawn_at is null
  and exists (select 1 from activities x where x.id = l.waymark_id and x.status <> 'withdrawn')`;

export function createOrukImportRepository(db: Db) {
  return {
    async findSource(address: string): Promise<ImportSource | undefined> {
      return maybeOne<ImportSource>(db, 'select id, address, name, trusted from import_sources where address = $1', [address]);
    },

    async findSourceById(id: string): Promise<ImportSource | undefined> {
      return maybeOne<ImportSource>(db, 'select id, address, name, trusted from import_sources where id = $1', [id]);
    },

    async ensureSource(address: string, name: string, now: Date): Promise<ImportSource> {
      return one<ImportSource>(
        db,
        `insert into import_sources (address, name, created_at, updated_at) values ($1, $2, $3, $3)
         on conflict (address) do update set updated_at = excluded.updated_at
         returning id, address, name, trusted`,
        [address, name, now],
      );
    },

    async setTrusted(sourceId: string, trusted: boolean, userId: string | null, now: Date) {
      await db.query('update import_sources set trusted = $2, trusted_by = $3, updated_at = $4 where id = $1', [sourceId, trusted, userId, now]);
    },

    async listSources(): Promise<(ImportSource & { unmapped: number })[]> {
      const rows = await db.query<ImportSource & { unmapped: number }>(
        `select s.id, s.address, s.name, s.trusted, (select count(*) from import_unmapped_terms u where u.source_id = s.id)::int as unmapped
         from import_sources s order by s.name`,
      );
      return rows.map((r) => ({ ...r, unmapped: Number(r.unmapped) }));
    },

    /** The source's unfinished run, if one was stopped part-way. */
    async unfinishedRun(sourceId: string): Promise<ImportRun | undefined> {
      const row = await maybeOne<RunRecord>(db, `${RUN_SELECT} where r.source_id = $1 and r.status = 'running' order by r.started_at desc limit 1`, [sourceId]);
      return row && toRun(row);
    },

    /**
     * A new run, the source's only unfinished one (a unique index keeps it so). Either held by its
     * reader (`lease`) or left for the background job, which starts reading at `nextAddress`.
     */
    async startRun(
      sourceId: string,
      startedBy: string | null,
      now: Date,
      how: { lease: { owner: string; until: Date } } | { inBackground: true; nextAddress: string | null },
    ): Promise<string> {
      const lease = 'lease' in how ? how.lease : null;
      const background = 'inBackground' in how ? how : null;
      return (
        await one<{ id: string }>(
          db,
          `insert into import_runs (source_id, status, started_by, started_at, in_background, next_address, lease_owner, lease_until)
           values ($1, 'running', $2, $3, $4, $5, $6, $7) returning id`,
          [sourceId, startedBy, now, Boolean(background), background?.nextAddress ?? null, lease?.owner ?? null, lease?.until ?? null],
        )
      ).id;
    },

    /** Takes (or renews) the right to read a run's pages; false while someone else holds it. */
    async claimRun(runId: string, owner: string, now: Date, until: Date): Promise<boolean> {
      const rows = await db.query(
        `update import_runs set lease_owner = $2, lease_until = $4
          where id = $1 and status = 'running' and (lease_until is null or lease_until <= $3 or lease_owner = $2) returning id`,
        [runId, owner, now, until],
      );
      return rows.length > 0;
    },

    /** Lets go of a run between turns; `stopped` (a page the feed would not give) also takes it off the background. */
    async releaseRun(runId: string, owner: string, stopped: string | null) {
      await db.query(
        `update import_runs set lease_owner = null, lease_until = null,
           in_background = in_background and $3::text is null, message = coalesce($3::text, message)
          where id = $1 and lease_owner = $2`,
        [runId, owner, stopped],
      );
    },

    /** A run the command line left part-way, now carried on by the background job. */
    async moveToBackground(runId: string) {
      await db.query(`update import_runs set in_background = true, message = null where id = $1 and status = 'running'`, [runId]);
    },

    /** The background run to carry on next: the oldest nobody is reading now. */
    async nextBackgroundRun(now: Date): Promise<ImportRun | undefined> {
      const row = await maybeOne<RunRecord>(
        db,
        `${RUN_SELECT} where r.status = 'running' and r.in_background and (r.lease_until is null or r.lease_until <= $1)
         order by r.started_at, r.id limit 1`,
        [now],
      );
      return row && toRun(row);
    },

    async findRun(id: string): Promise<ImportRun | undefined> {
      const row = await maybeOne<RunRecord>(db, `${RUN_SELECT} where r.id = $1`, [id]);
      return row && toRun(row);
    },

    async latestRuns(limit: number): Promise<ImportRun[]> {
      return (await db.query<RunRecord>(`${RUN_SELECT} order by r.started_at desc limit $1`, [limit])).map(toRun);
    },

    /** Records a page as done, with its rows and counts, in one transaction: a resumed run starts after it. */
    async pageDone(runId: string, page: number, nextAddress: string | null, version: string, rows: readonly RunRow[]) {
      await db.transaction(async (tx) => {
        const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0, withdrawn: 0 };
        for (const r of rows) if (r.outcome !== 'note') counts[r.outcome]++;
        const start = (await one<{ n: number }>(tx, 'select count(*)::int as n from import_run_rows where run_id = $1', [runId])).n;
        if (rows.length > 0) {
          await tx.query(
            `insert into import_run_rows (run_id, seq, page, external_id, name, outcome, reason)
             select $1, $2::int + ord, $3, e, n, o, r from unnest($4::text[], $5::text[], $6::text[], $7::text[]) with ordinality as t(e, n, o, r, ord)`,
            [runId, Number(start), page, rows.map((r) => r.externalId), rows.map((r) => r.name), rows.map((r) => r.outcome), rows.map((r) => r.reason)],
          );
        }
        await tx.query(
          `update import_runs set last_page_done = $2, next_address = $3, feed_version = $4, created = created + $5, updated = updated + $6,
             unchanged = unchanged + $7, rejected = rejected + $8, withdrawn = withdrawn + $9 where id = $1`,
          [runId, page, nextAddress, version, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.withdrawn],
        );
      });
    },

    async finishRun(runId: string, status: 'finished' | 'failed', message: string | null, now: Date) {
      await db.query('update import_runs set status = $2, message = $3, finished_at = $4, lease_owner = null, lease_until = null where id = $1', [
        runId,
        status,
        message,
        now,
      ]);
    },

    async runRows(runId: string, limit = 2000): Promise<RunRow[]> {
      const rows = await db.query<{ page: number; external_id: string; name: string; outcome: RunRow['outcome']; reason: string }>(
        'select page, external_id, name, outcome, reason from import_run_rows where run_id = $1 order by seq limit $2',
        [runId, limit],
      );
      return rows.map((r) => ({ page: Number(r.page), externalId: r.external_id, name: r.name, outcome: r.outcome, reason: r.reason }));
    },

    // --- lineage ---

    async lineage(
      sourceId: string,
      kind: LineageKind,
      externalId: string,
      tx: Db = db,
    ): Promise<{ waymarkId: string; contentHash: string; withdrawnAt: Date | null } | undefined> {
      return maybeOne(
        tx,
        `select waymark_id as "waymarkId", content_hash as "contentHash", withdrawn_at as "withdrawnAt"
         from import_lineage where source_id = $1 and kind = $2 and external_id = $3`,
        [sourceId, kind, externalId],
      );
    },

    async recordLineage(sourceId: string, kind: LineageKind, externalId: string, waymarkId: string, hash: string, runId: string | null, now: Date, tx: Db) {
      await tx.query(
        `insert into import_lineage (source_id, kind, external_id, waymark_id, content_hash, last_run_id, imported_at) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (source_id, kind, external_id) do update set waymark_id = excluded.waymark_id, content_hash = excluded.content_hash,
           last_run_id = excluded.last_run_id, imported_at = excluded.imported_at, withdrawn_at = null`,
        [sourceId, kind, externalId, waymarkId, hash, runId, now],
      );
    },

    /**
     * Withdraws (never deletes) the source's listings that a complete run did not see: their feed ids
     * are in none of the run's rows. Their lineage remembers why, so one that comes back is listed again.
     */
    async withdrawMissing(sourceId: string, runId: string, now: Date, tx: Db): Promise<{ id: string; externalId: string; title: string }[]> {
      return tx.query(
        `with gone as (
           update import_lineage l set withdrawn_at = $3
            where ${listedFromSource}
              and not exists (select 1 from import_run_rows r where r.run_id = $2 and r.external_id = l.external_id)
            returning l.waymark_id, l.external_id)
         update activities a set status = 'withdrawn', status_note = 'No longer in the directory it was imported from', updated_at = $3
           from gone where a.id = gone.waymark_id
         returning a.id, gone.external_id as "externalId", a.title`,
        [sourceId, runId, now],
      );
    },

    /** What `withdrawMissing` would withdraw if the feed had only these ids (a dry run's report); changes nothing. */
    async listedButMissing(sourceId: string, seenExternalIds: readonly string[]): Promise<{ id: string; externalId: string; title: string }[]> {
      return db.query(
        `select l.waymark_id as id, l.external_id as "externalId", a.title
           from import_lineage l join activities a on a.id = l.waymark_id
          where ${listedFromSource} and not (l.external_id = any($2::text[]))
          order by a.title, l.external_id`,
        [sourceId, [...new Set(seenExternalIds)]],
      );
    },

    // --- term mappings ---

    async mappings(): Promise<Map<string, TermTarget>> {
      const rows = await db.query<{ term: string; vocabulary: string | null; code: string | null }>('select term, vocabulary, code from import_term_mappings');
      return new Map(rows.map((r) => [r.term, r.vocabulary && r.code ? { vocabulary: r.vocabulary, code: r.code } : null]));
    },

    async listMappings(): Promise<{ term: string; vocabulary: string | null; code: string | null }[]> {
      return db.query('select term, vocabulary, code from import_term_mappings order by term');
    },

    async setMapping(term: string, target: TermTarget, userId: string | null, now: Date) {
      await db.transaction(async (tx) => {
        await tx.query(
          `insert into import_term_mappings (term, vocabulary, code, updated_by, updated_at) values ($1, $2, $3, $4, $5)
           on conflict (term) do update set vocabulary = excluded.vocabulary, code = excluded.code, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          [term, target?.vocabulary ?? null, target?.code ?? null, userId, now],
        );
        await tx.query('delete from import_unmapped_terms where term = $1', [term]);
      });
    },

    async removeMapping(term: string) {
      await db.query('delete from import_term_mappings where term = $1', [term]);
    },

    /** Replaces a source's list of unmapped terms with what its latest run found. */
    async recordUnmapped(sourceId: string, terms: ReadonlyMap<string, { label: string; records: number }>, tx: Db = db, adding = false) {
      // A run carried on in turns adds each turn's terms to what its earlier turns found.
      if (!adding) await tx.query('delete from import_unmapped_terms where source_id = $1', [sourceId]);
      if (terms.size === 0) return;
      const entries = [...terms.entries()];
      await tx.query(
        `insert into import_unmapped_terms (source_id, term, label, records) select $1, t, l, n from unnest($2::text[], $3::text[], $4::int[]) as x(t, l, n)
         on conflict (source_id, term) do update set records = import_unmapped_terms.records + excluded.records`,
        [sourceId, entries.map(([t]) => t), entries.map(([, v]) => v.label.slice(0, 200)), entries.map(([, v]) => v.records)],
      );
    },

    async listUnmapped(): Promise<{ term: string; label: string; records: number; sourceName: string }[]> {
      const rows = await db.query<{ term: string; label: string; records: number; source_name: string }>(
        `select u.term, u.label, u.records, s.name as source_name from import_unmapped_terms u join import_sources s on s.id = u.source_id
         order by u.records desc, u.label limit 500`,
      );
      return rows.map((r) => ({ term: r.term, label: r.label, records: Number(r.records), sourceName: r.source_name }));
    },

    // --- writes onto the directory (inside the caller's per-record transaction) ---
    ...importWrites,

    /** The postcodes of the places of the listings a run created or changed (to say whose review queue they are in). */
    async placePostcodesOfRun(runId: string): Promise<string[]> {
      const rows = await db.query<{ postcode: string }>(
        `select p.postcode from import_lineage l join activities a on a.id = l.waymark_id join places p on p.id = a.place_id
         where l.kind = 'activity' and l.last_run_id = $1`,
        [runId],
      );
      return rows.map((r) => r.postcode);
    },

    async findSchemeByName(name: string): Promise<{ id: string; name: string; outcodes: string[] } | undefined> {
      const scheme = await maybeOne<{ id: string; name: string }>(db, 'select id, name from schemes where lower(name) = lower($1) order by name limit 1', [
        name,
      ]);
      if (!scheme) return undefined;
      const rows = await db.query<{ outcode: string }>('select outcode from scheme_outcodes where scheme_id = $1', [scheme.id]);
      return { ...scheme, outcodes: rows.map((r) => r.outcode) };
    },

    async lookupPostcode(postcode: string, tx: Db = db) {
      return maybeOne<{ easting: number; northing: number; latitude: number; longitude: number }>(
        tx,
        'select easting, northing, latitude, longitude from postcodes where postcode = $1',
        [postcode],
      );
    },
  };
}

export type OrukImportRepository = ReturnType<typeof createOrukImportRepository>;
