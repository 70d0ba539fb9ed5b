import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isRuc11Code, isRural, RUC_COLUMNS } from '../../domain/deprivation.ts';
import type { Db } from '../database.ts';
import { readCsvFile } from './csv.ts';

/**
 * The ONS 2011 Rural Urban Classification of LSOAs in England and Wales (decision 050), as published
 * (columns LSOA11CD, LSOA11NM, RUC11CD, RUC11, found by heading; others ignored). Replaces what was
 * loaded, in one transaction; rows with an unknown class or code are skipped and counted. Insight's
 * gaps then look 5 miles from rural neighbourhoods.
 */
export type RuralUrbanReport = { classified: number; rural: number; skipped: number; notInIndices: number; ms: number };

const BATCH = 5000;

export async function importRuralUrban(db: Db, file: string): Promise<RuralUrbanReport> {
  const t = performance.now();
  let index: Record<keyof typeof RUC_COLUMNS, number> | null = null;
  const rows: { code: string; ruc: string; name: string; rural: boolean }[] = [];
  let skipped = 0;
  for await (const row of readCsvFile(file)) {
    if (!index) {
      const found = Object.fromEntries(
        Object.entries(RUC_COLUMNS).map(([k, pattern]) => [k, row.findIndex((h) => pattern.test(h.replace(/^\uFEFF/, '').trim()))]),
      ) as Record<keyof typeof RUC_COLUMNS, number>;
      const missing = Object.entries(found).filter(([, i]) => i < 0);
      if (missing.length > 0) throw new Error(`${basename(file)}: no column for ${missing.map(([k]) => k).join(', ')} (is this the published layout?)`);
      index = found;
      continue;
    }
    const code = (row[index.lsoaCode] ?? '').trim();
    const ruc = (row[index.rucCode] ?? '').trim().toUpperCase();
    if (!/^[EW]\d{8}$/.test(code) || !isRuc11Code(ruc)) {
      if (row.some((c) => c.trim() !== '')) skipped++;
      continue;
    }
    rows.push({ code, ruc, name: (row[index.rucName] ?? '').trim(), rural: isRural(ruc) });
  }
  if (!index) throw new Error(`${basename(file)}: empty`);
  const notInIndices = await db.transaction(async (tx) => {
    await tx.query('delete from lsoa_rural_urban');
    for (let i = 0; i < rows.length; i += BATCH) {
      const b = rows.slice(i, i + BATCH);
      await tx.query(
        `insert into lsoa_rural_urban (lsoa_code, ruc_code, ruc_name, rural)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
         on conflict (lsoa_code) do update set ruc_code = excluded.ruc_code, ruc_name = excluded.ruc_name, rural = excluded.rural`,
        [b.map((r) => r.code), b.map((r) => r.ruc), b.map((r) => r.name), b.map((r) => r.rural)],
      );
    }
    const [r] = await tx.query<{ n: number }>(
      'select count(*)::int as n from lsoa_rural_urban u where not exists (select 1 from lsoas l where l.code = u.lsoa_code)',
    );
    return r!.n;
  });
  return { classified: rows.length, rural: rows.filter((r) => r.rural).length, skipped, notInIndices, ms: Math.round(performance.now() - t) };
}
