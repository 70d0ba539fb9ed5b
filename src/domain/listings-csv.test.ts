import { describe, expect, it } from 'vitest';
import { LISTING_CSV_COLUMNS, parseCsv, readListingsCsv } from './listings-csv.ts';

const base: Record<string, string> = {
  organisation_id: 'org-1',
  organisation_name: 'Yarmouth Trust',
  place_id: 'place-1',
  place_name: 'Time and Tide',
  place_address: 'Blackfriars Road',
  place_town: 'Great Yarmouth',
  place_postcode: 'NR30 3BX',
  place_latitude: '52.6',
  place_longitude: '1.73',
  activity_id: 'act-1',
  activity_title: 'Net mending',
  activity_description: 'Mending nets together.',
  cost: 'free',
  categories: 'Loneliness',
  session_frequency: 'weekly',
  session_weekday: 'Tuesday',
  session_start_time: '10:00',
  session_end_time: '12:00',
};
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
const csvLines = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n');
const file = (...rows: Record<string, string>[]) => csvLines([[...LISTING_CSV_COLUMNS], ...rows.map((r) => LISTING_CSV_COLUMNS.map((c) => r[c] ?? ''))]);

describe('listings spreadsheets', () => {
  it('reads quoted cells with commas, quotes and line breaks, and drops a byte order mark', () => {
    expect(parseCsv('\uFEFFa,"b, c","say ""hi""\nthere"\r\n1,2,3\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['1', '2', '3'],
    ]);
  });

  it('makes one activity of the rows that share an id, a session from each', () => {
    const read = readListingsCsv(file(base, { ...base, session_weekday: 'Thursday', session_start_time: '14:00', session_end_time: '15:30' }));
    if (!read.ok) throw new Error(read.message);
    expect(read.rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(read.services).toHaveLength(1);
    expect(read.services[0]!.rows).toEqual([2, 3]);
    expect(read.services[0]!.service.sessions.map((s) => [s.weekday, s.startTime])).toEqual([
      [2, '10:00'],
      [4, '14:00'],
    ]);
    expect(read.services[0]!.service.priceAmount).toBe(0);
  });

  it('reports each bad row by its line and column, and leaves its whole activity out', () => {
    const read = readListingsCsv(
      file(
        base,
        { ...base, session_end_time: '09:00' },
        { ...base, activity_id: 'act-2', place_postcode: 'NOWHERE' },
        { ...base, activity_id: 'act-3', activity_title: '' },
      ),
    );
    if (!read.ok) throw new Error(read.message);
    expect(read.rows.map((r) => r.problems.map((p) => p.column))).toEqual([[null], ['session_end_time'], ['place_postcode'], ['activity_title']]);
    expect(read.rows[0]!.problems[0]!.message).toBe('Not imported: row 3 of the same activity has a problem');
    expect(read.services).toEqual([]);
  });

  it('wants the rows of one activity to agree on everything but their sessions', () => {
    const read = readListingsCsv(file(base, { ...base, activity_title: 'Something else' }));
    if (!read.ok) throw new Error(read.message);
    expect(read.rows[1]!.problems[0]!.message).toContain('Row 2 has the same activity id but a different activity_title');
  });

  it('refuses a file without Waymark’s columns, or with no rows, as a whole', () => {
    const wrong = readListingsCsv('name,postcode\r\nA,NR30 1AA\r\n');
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toContain('Missing: organisation_name, place_name, place_postcode, activity_id, activity_title');
    expect(readListingsCsv(file())).toEqual({ ok: false, message: 'The file has a header row but no listings' });
    expect(readListingsCsv('')).toMatchObject({ ok: false });
  });

  it('takes back the apostrophe the export puts before a formula-like cell', () => {
    const read = readListingsCsv(file({ ...base, activity_title: "'=SUM(A1)" }));
    if (!read.ok) throw new Error(read.message);
    expect(read.services[0]!.service.name).toBe('=SUM(A1)');
  });
});
