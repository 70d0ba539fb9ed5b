import { z } from 'zod';
import { str } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';

/**
 * "Load wording": remove it, or load the chosen file's text when a file was chosen, otherwise what
 * was pasted. `field` says where the service's problems with the text are shown.
 */
export const wordingForm = z
  .object({ action: z.preprocess(str, z.string()), wording: z.preprocess(str, z.string()), wordingFile: z.unknown().optional() })
  .transform((v, ctx) => {
    if (v.wordingFile === FILE_TOO_LARGE) {
      ctx.addIssue({ code: 'custom', path: ['wordingFile'], message: 'The file must be smaller than 256 KB. Choose the wording file (JSON)' });
      return z.NEVER;
    }
    const file = typeof v.wordingFile === 'string' && v.wordingFile.trim() !== '' ? v.wordingFile : null;
    return { remove: v.action === 'remove', text: file ?? v.wording, field: file === null ? ('wording' as const) : ('wordingFile' as const) };
  });
