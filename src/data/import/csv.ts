import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * A small streaming CSV reader (RFC 4180): quoted fields, commas and line breaks inside quotes,
 * doubled quotes as an escaped quote, CRLF or LF line ends, an optional UTF-8 byte-order mark.
 */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let first = true;
  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (quoted) {
        if (c !== 34) continue;
        field += chunk.slice(start, i);
        start = i + 1;
        quoted = false;
        afterQuote = true;
      } else if (c === 34) {
        if (afterQuote) field += '"'; // a doubled quote inside a quoted field
        field += chunk.slice(start, i);
        start = i + 1;
        quoted = true;
        afterQuote = false;
      } else if (c === 44) {
        row.push(field + chunk.slice(start, i));
        field = '';
        start = i + 1;
        afterQuote = false;
      } else if (c === 10 || c === 13) {
        field += chunk.slice(start, i);
        start = i + 1;
        if (c === 13 && chunk.charCodeAt(i + 1) === 10) {
          i++;
          start++;
        }
        if (row.length > 0 || field !== '') {
          row.push(field);
          yield row;
        }
        row = [];
        field = '';
        afterQuote = false;
      } else {
        afterQuote = false;
      }
    }
    field += chunk.slice(start);
  }
  if (row.length > 0 || field !== '') {
    row.push(field);
    yield row;
  }
}

/** Streams a CSV file, plain or gzipped (by its .gz name), row by row. */
export function readCsvFile(path: string): AsyncGenerator<string[]> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding('utf8');
  return parseCsv(stream as AsyncIterable<string>);
}

/** Rows as objects keyed by the header row. */
export async function* readCsvRecords(path: string): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  for await (const row of readCsvFile(path)) {
    if (!header) {
      header = row.map((h) => h.trim());
      continue;
    }
    const record: Record<string, string> = {};
    for (const [i, h] of header.entries()) record[h] = row[i] ?? '';
    yield record;
  }
}
