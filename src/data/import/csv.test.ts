import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

async function rows(...chunks: string[]) {
  async function* source() {
    yield* chunks;
  }
  const out: string[][] = [];
  for await (const row of parseCsv(source())) out.push(row);
  return out;
}

describe('CSV reader', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', async () => {
    expect(await rows('1,"Castle, keep and bailey","He said ""hello""","two\nlines"\n')).toEqual([
      ['1', 'Castle, keep and bailey', 'He said "hello"', 'two\nlines'],
    ]);
  });

  it('reads CRLF and LF line ends, a byte-order mark, empty fields and a last line with no line end', async () => {
    expect(await rows('\ufeffa,b,c\r\n1,,3\n4,5,')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
  });

  it('gives the same rows however the text is split into chunks', async () => {
    const text = '"NR1 1AA",10,624073,308352\r\n"x, ""y""",90,0,0\r\n';
    const whole = await rows(text);
    for (let i = 1; i < text.length; i++) expect(await rows(text.slice(0, i), text.slice(i))).toEqual(whole);
    expect(whole).toEqual([
      ['NR1 1AA', '10', '624073', '308352'],
      ['x, "y"', '90', '0', '0'],
    ]);
  });
});
