import { readFile } from 'node:fs/promises';
import type { Db } from '../database.ts';
import { awardFromCsv, awardFromJson, type PastAward } from '../../domain/past-awards.ts';
import { parseCsv } from './csv.ts';

export type AwardsImportResult = { read: number; imported: number; skipped: number; problems: string[] };

/**
 * Loads a 360Giving file (JSON `{"grants": [...]}` or CSV with the standard's column titles) into
 * past_awards, in one transaction; the same file again changes nothing (upsert by Identifier).
 */
export async function importThreeSixtyGiving(db: Db, path: string, now: Date, onProgress?: (done: number) => void): Promise<AwardsImportResult> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const results: ({ ok: true; award: PastAward } | { ok: false; problem: string })[] = [];
  if (text.trimStart().startsWith('{') || text.trimStart().startsWith('[')) {
    const doc = JSON.parse(text) as { grants?: unknown[] } | unknown[];
    const grants = Array.isArray(doc) ? doc : (doc.grants ?? []);
    for (const g of grants) results.push(awardFromJson((g ?? {}) as Record<string, unknown>));
  } else {
    let header: string[] | undefined;
    for await (const row of parseCsv(
      (async function* () {
        yield text;
      })(),
    )) {
      if (!header) header = row;
      else if (row.some((c) => c.trim())) results.push(awardFromCsv(header, row));
    }
  }
  const problems = results.flatMap((r) => (r.ok ? [] : [r.problem]));
  const awards = results.flatMap((r) => (r.ok ? [r.award] : []));
  await db.transaction(async (tx) => {
    for (const [i, a] of awards.entries()) {
      await tx.query(
        `insert into past_awards (identifier, title, description, amount_awarded, currency, award_date, recipient_name, recipient_id, funder_name, funder_id, location_names, location_codes, imported_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         on conflict (identifier) do update set title = excluded.title, description = excluded.description, amount_awarded = excluded.amount_awarded,
           currency = excluded.currency, award_date = excluded.award_date, recipient_name = excluded.recipient_name, recipient_id = excluded.recipient_id,
           funder_name = excluded.funder_name, funder_id = excluded.funder_id, location_names = excluded.location_names, location_codes = excluded.location_codes,
           imported_at = excluded.imported_at`,
        [
          a.identifier,
          a.title,
          a.description,
          a.amountAwarded,
          a.currency,
          a.awardDate,
          a.recipientName,
          a.recipientId,
          a.funderName,
          a.funderId,
          a.locationNames,
          a.locationCodes,
          now,
        ],
      );
      if ((i + 1) % 1000 === 0) onProgress?.(i + 1);
    }
  });
  return { read: results.length, imported: awards.length, skipped: problems.length, problems };
}
