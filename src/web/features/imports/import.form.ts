import { z } from 'zod';
import type { ImportSourceInput } from '../../../services/oruk-import.service.ts';
import { str } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';

/** A saved feed page may be large; the address is the way for a whole directory. */
export const MAX_FEED_FILE_BYTES = 5 * 1024 * 1024;
const NOT_A_FEED = 'The file is not an Open Referral feed. Choose a saved page of a feed (a .json file)';

/**
 * "Import a directory": a saved feed page (JSON) or, with no file chosen, the feed's web address;
 * whether the source is trusted (its listings go live without review).
 */
export const importForm = z.record(z.string(), z.unknown()).transform((b, ctx): { source: ImportSourceInput; trusted: boolean } => {
  const fail = (field: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [field], message });
    return z.NEVER;
  };
  const trusted = str(b.trusted) === 'yes';
  const file = b.feedFile;
  if (file === FILE_TOO_LARGE) return fail('feedFile', 'The file must be smaller than 5 MB. For a larger directory, enter the feed’s web address');
  if (typeof file === 'string' && file !== '') {
    // The name is the source: uploading the same directory's file again updates what came from it.
    const name = str(b.sourceName).trim();
    if (name === '') return fail('sourceName', 'Enter the name of the directory the file comes from');
    if (name.length > 100) return fail('sourceName', 'The name must be 100 characters or fewer');
    try {
      return { source: { kind: 'file', name, json: JSON.parse(file) }, trusted };
    } catch {
      return fail('feedFile', NOT_A_FEED);
    }
  }
  const url = str(b.feedUrl).trim();
  if (url === '') return fail('feedUrl', 'Enter the feed’s web address, or choose a saved feed file');
  if (url.length > 2000) return fail('feedUrl', 'The web address must be 2,000 characters or fewer');
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fail('feedUrl', 'The feed’s address must start http:// or https://');
    return { source: { kind: 'url', address: parsed.toString() }, trusted };
  } catch {
    return fail('feedUrl', 'Enter the feed’s full web address, starting https://');
  }
});

/** Mapping a feed's term onto a Waymark term ("needs:loneliness"), or "ignore". */
export const termMappingForm = z.object({
  term: z.preprocess(str, z.string().trim().min(1, 'Enter the term as the feed writes it').max(200, 'The term must be 200 characters or fewer')),
  target: z.preprocess(
    str,
    z
      .string()
      .regex(/^(ignore|[a-z_]+:[a-z0-9_]+)$/, 'Choose the Waymark term it means, or that Waymark does not use it')
      .transform((v) => (v === 'ignore' ? null : { vocabulary: v.split(':')[0]!, code: v.split(':')[1]! })),
  ),
});
