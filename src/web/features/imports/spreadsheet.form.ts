import { z } from 'zod';
import { str } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';

/** A spreadsheet of listings is small next to a feed: 5,000 rows of a few hundred characters. */
export const MAX_SPREADSHEET_BYTES = 5 * 1024 * 1024;
const NOT_TEXT = 'The file is not UTF-8 text. In your spreadsheet program, save it as “CSV UTF-8” and choose it again';

/** "Import listings from a spreadsheet": the CSV file (UTF-8), the name it goes by, and whether to import only its valid rows. */
export const spreadsheetForm = z.record(z.string(), z.unknown()).transform((b, ctx) => {
  const fail = (field: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [field], message });
    return z.NEVER;
  };
  const file = b.listingsFile;
  if (file === FILE_TOO_LARGE) return fail('listingsFile', 'The file must be smaller than 5 MB. Split it into smaller files');
  const bytes = Buffer.isBuffer(file) ? file : typeof file === 'string' ? Buffer.from(file, 'utf8') : Buffer.alloc(0);
  if (bytes.length === 0) return fail('listingsFile', 'Choose a CSV file of listings');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('listingsFile', NOT_TEXT);
  }
  if (text.includes('\u0000')) return fail('listingsFile', NOT_TEXT);
  const name = str(b.sourceName).trim();
  if (name === '') return fail('sourceName', 'Enter a name for the file’s listings');
  if (name.length > 100) return fail('sourceName', 'The name must be 100 characters or fewer');
  return { name, text, validRowsOnly: str(b.validRowsOnly) === 'yes' };
});
