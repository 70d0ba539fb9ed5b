import { z } from 'zod';
import type { InstrumentCode } from '../../../domain/instruments/instrument.ts';
import { checkWording, parseWordingFile, type InstrumentWording } from '../../../domain/instruments/instrument-wording.ts';
import { plainText, str } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';

export type WordingInput = { remove: true } | { remove: false; wording: InstrumentWording };

/**
 * "Load wording": remove it; or the chosen file (JSON, problems shown next to the file field); or,
 * with no file chosen, one field per statement (`statement1` … `statementN`) and the licence reference.
 */
export const wordingForm = (instrument: { code: InstrumentCode; items: number }) =>
  z.record(z.string(), z.unknown()).transform((b, ctx): WordingInput => {
    if (str(b.action) === 'remove') return { remove: true };
    const fail = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (b.wordingFile === FILE_TOO_LARGE) {
      fail('wordingFile', 'The file must be smaller than 256 KB. Choose the wording file (JSON)');
      return z.NEVER;
    }
    if (typeof b.wordingFile === 'string' && b.wordingFile.trim() !== '') {
      const parsed = parseWordingFile(instrument.code, b.wordingFile);
      if (!parsed.ok) {
        for (const e of parsed.errors) fail('wordingFile', e.message);
        return z.NEVER;
      }
      return { remove: false, wording: parsed.wording };
    }
    const licence = plainText(b.licence);
    if (licence.length > 300) fail('licence', 'Licence reference must be 300 characters or fewer');
    const wording: InstrumentWording = {
      instrument: instrument.code,
      licence,
      items: Array.from({ length: instrument.items }, (_, i) => plainText(b[`statement${i + 1}`])),
    };
    for (const e of checkWording(instrument.code, wording)) fail(e.field, e.message);
    return licence.length > 300 || checkWording(instrument.code, wording).length > 0 ? z.NEVER : { remove: false, wording };
  });
