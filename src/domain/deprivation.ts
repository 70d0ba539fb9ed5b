/**
 * Deprivation geography (decision 044): the English Indices of Deprivation by neighbourhood (LSOA),
 * and the rules insight uses with them. Pure; the importer and the insight service use these.
 */

/** Local authority districts abolished since the 2019 Indices, and the district (2024 codes) each is part of now. */
export const LAD_SUCCESSORS: Readonly<Record<string, string>> = {
  // Buckinghamshire (2020)
  E07000004: 'E06000060',
  E07000005: 'E06000060',
  E07000006: 'E06000060',
  E07000007: 'E06000060',
  // Cumberland and Westmorland and Furness (2023)
  E07000026: 'E06000063',
  E07000028: 'E06000063',
  E07000029: 'E06000063',
  E07000027: 'E06000064',
  E07000030: 'E06000064',
  E07000031: 'E06000064',
  // North and West Northamptonshire (2021)
  E07000150: 'E06000061',
  E07000152: 'E06000061',
  E07000153: 'E06000061',
  E07000156: 'E06000061',
  E07000151: 'E06000062',
  E07000154: 'E06000062',
  E07000155: 'E06000062',
  // North Yorkshire (2023)
  E07000163: 'E06000065',
  E07000164: 'E06000065',
  E07000165: 'E06000065',
  E07000166: 'E06000065',
  E07000167: 'E06000065',
  E07000168: 'E06000065',
  E07000169: 'E06000065',
  // Somerset (2023)
  E07000187: 'E06000066',
  E07000188: 'E06000066',
  E07000189: 'E06000066',
  E07000246: 'E06000066',
};

/** The district code in use today for a district code an IoD file gives. */
export const currentLadCode = (code: string) => LAD_SUCCESSORS[code] ?? code;

/** IMD quintile 1 (most deprived 20%) … 5 from a decile 1 … 10. */
export const quintileOf = (decile: number) => Math.ceil(decile / 2);

/** "Core20": the most deprived 20% of neighbourhoods nationally (NHS England's CORE20PLUS5). */
export const isCore20 = (decile: number) => decile <= 2;

export const QUINTILES = [1, 2, 3, 4, 5] as const;
const QUINTILE_ENDS: Record<number, string> = { 1: '1 (most deprived 20%)', 5: '5 (least deprived 20%)' };
export const quintileLabel = (q: number) => QUINTILE_ENDS[q] ?? String(q);
const DECILE_ENDS: Record<number, string> = { 1: '1 (most deprived)', 10: '10 (least deprived)' };
export const decileLabel = (d: number) => DECILE_ENDS[d] ?? String(d);

/**
 * The published column layout of the IoD files, matched by name so that the 2019 and 2025 releases
 * (and their shortened CSV headings) read the same way: a heading that starts with each pattern.
 */
export const IOD_COLUMNS = {
  lsoaCode: /^LSOA code \((\d{4})\)/i,
  lsoaName: /^LSOA name \((\d{4})\)/i,
  ladCode: /^Local Authority District code \((\d{4})\)/i,
  ladName: /^Local Authority District name \((\d{4})\)/i,
  imdRank: /^Index of Multiple Deprivation \(IMD\) Rank/i,
  imdDecile: /^Index of Multiple Deprivation \(IMD\) Decile/i,
  population: /^Total population: mid \d{4}/i,
} as const;

export type IodColumn = keyof typeof IOD_COLUMNS;

/** Where each wanted column is in a header row; the names of those missing. */
export function findColumns<K extends IodColumn>(header: readonly string[], wanted: readonly K[]): { index: Record<K, number>; missing: K[] } {
  const index = {} as Record<K, number>;
  const missing: K[] = [];
  for (const k of wanted) {
    const i = header.findIndex((h) => IOD_COLUMNS[k].test(h.replace(/^\uFEFF/, '').trim()));
    if (i < 0) missing.push(k);
    else index[k] = i;
  }
  return { index, missing };
}

/** A published number such as "29,199" or "1296". */
export function publishedInteger(text: string | undefined): number | null {
  const n = Number.parseInt((text ?? '').replace(/[,\s]/g, ''), 10);
  return Number.isFinite(n) ? n : null;
}

/**
 * Wilson score interval (95%) for a share k of n: stays inside 0–1 and behaves at small n and at
 * shares near 0 or 1, unlike the normal approximation.
 */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] | null {
  if (n <= 0 || k < 0 || k > n) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** What "accessible" and "low cost" mean for the gaps (decision 044). */
export const GAP_RULES = {
  accessFeature: 'step_free',
  maxPricePence: 500,
  defaultMiles: 2,
  miles: [1, 2, 3, 5] as const,
  /** A rural neighbourhood (by the ONS Rural Urban Classification, when loaded) looks this far, or further when chosen. */
  ruralMiles: 5,
  /** A heritage asset with no live activity at a place this close has "nothing organised". */
  organisedWithinMetres: 250,
} as const;

/**
 * The ONS 2011 Rural Urban Classification (decision 050): codes A1 to C2 are urban, D1 to F2 rural.
 * Its published LSOA file has the columns LSOA11CD, LSOA11NM, RUC11CD and RUC11 (the class's name).
 */
export const RUC11_CODES = ['A1', 'B1', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'F1', 'F2'] as const;
export type Ruc11Code = (typeof RUC11_CODES)[number];
export const isRuc11Code = (code: string): code is Ruc11Code => (RUC11_CODES as readonly string[]).includes(code);
export const isRural = (code: Ruc11Code) => code >= 'D';
export const RUC_COLUMNS = { lsoaCode: /^LSOA11CD$/i, rucCode: /^RUC11CD$/i, rucName: /^RUC11$/i } as const;
