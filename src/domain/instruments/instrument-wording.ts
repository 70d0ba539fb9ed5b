import { z } from 'zod';
import type { FieldError } from '../errors.ts';
import type { InstrumentCode } from './instrument.ts';
import { instrumentFor } from './registry.ts';

/**
 * Licensed item wording, loaded by an administrator from the organisation's licence pack. Format:
 *
 *   { "instrument": "swemwbs", "licence": "Licence reference or holder", "items": ["…", "…", …] }
 *
 * `items` holds exactly one statement per item, in order (7 for SWEMWBS, 14 for WEMWBS). The
 * administrator types each statement into its own field, or chooses such a file.
 */
export type InstrumentWording = { instrument: InstrumentCode; licence: string; items: string[] };

export const LICENSED_INSTRUMENTS: readonly InstrumentCode[] = ['swemwbs', 'wemwbs'];

const fileSchema = z.object({
  instrument: z.string(),
  licence: z.string().trim().max(300).optional().default(''),
  items: z.array(z.string().trim().min(1, 'Every statement needs some words').max(300, 'Each statement must be 300 characters or fewer')),
});

export function parseWordingFile(expected: InstrumentCode, text: string): { ok: true; wording: InstrumentWording } | { ok: false; errors: FieldError[] } {
  const fail = (message: string) => ({ ok: false as const, errors: [{ field: 'wording', message }] });
  const instrument = instrumentFor(expected);
  if (!instrument || !LICENSED_INSTRUMENTS.includes(expected)) return fail('This instrument’s wording is shipped with Waymark');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('The wording must be a JSON file: check it against the format on this page');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const aboutOneStatement = issue?.path[0] === 'items' && issue.path.length > 1;
    return fail(aboutOneStatement ? issue.message : 'The JSON needs "instrument", and "items" as a list of statements');
  }
  if (parsed.data.instrument.toLowerCase() !== expected) return fail(`The file is for “${parsed.data.instrument}”, not ${instrument.shortName}`);
  if (parsed.data.items.length !== instrument.items.length) {
    return fail(`${instrument.shortName} has ${instrument.items.length} statements; the file has ${parsed.data.items.length}`);
  }
  return { ok: true, wording: { instrument: expected, licence: parsed.data.licence, items: parsed.data.items } };
}

/** The statements for one instrument, whichever way they were entered: the right number, each with words. */
export function checkWording(expected: InstrumentCode, w: InstrumentWording): FieldError[] {
  const instrument = instrumentFor(expected);
  if (!instrument || !LICENSED_INSTRUMENTS.includes(expected) || w.instrument !== expected)
    return [{ field: 'wording', message: 'This instrument’s wording is shipped with Waymark' }];
  if (w.items.length !== instrument.items.length) return [{ field: 'wording', message: `${instrument.shortName} has ${instrument.items.length} statements` }];
  return w.items.flatMap((text, i) =>
    text.trim() === ''
      ? [{ field: `statement${i + 1}`, message: `Enter statement ${i + 1}` }]
      : text.length > 300
        ? [{ field: `statement${i + 1}`, message: `Statement ${i + 1} must be 300 characters or fewer` }]
        : [],
  );
}
