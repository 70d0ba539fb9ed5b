import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { BadInput } from '../../domain/errors.ts';
import { hasUnacceptableText, UNACCEPTABLE_CHARACTERS } from './input-hygiene.ts';
import { checkFormToken } from './csrf.ts';

/** The value a chosen file gets when it is bigger than the form allows (the form says so next to the field). */
export const FILE_TOO_LARGE = Symbol('file too large');

const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 64 * 1024;
const UNREADABLE = 'The form could not be read. Go back, choose the file again and send the form again.';

class TooLarge extends BadInput {
  override readonly status = 413;
}
class NotThisKindOfForm extends BadInput {
  override readonly status = 415;
}

/**
 * Forms with a file (multipart/form-data), decision 017. The body of such a form is read only by the
 * route that takes it, after sign-in, the role check and the route's own checks, so nobody without the
 * right to post it makes the server read a file. Every other route refuses multipart with 415.
 */
export async function registerMultipartForms(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, files: 1, parts: MAX_FIELDS + 1, headerPairs: 20 },
    throwFileSizeLimit: false,
  });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart() && !request.routeOptions.config.multipartForm) {
      throw new NotThisKindOfForm('This page only accepts its own form.');
    }
  });
}

/**
 * Route options for a form that may carry one file: its fields become `request.body` as strings (as
 * in every other form; repeated fields as arrays) and the file as its UTF-8 text, or FILE_TOO_LARGE.
 * `maxFields` raises the number of fields for a longer form (community heritage's, with its photo).
 * With `fileAsBytes` the file stays a Buffer, for forms that tell people their file is not text
 * (422 next to the field) rather than refusing the request (400).
 * The CSRF token travels in the body, so it is checked here, once the body has been read.
 */
export function multipartForm(opts: { maxFileBytes: number; fileAsBytes?: boolean; maxFields?: number }): Pick<RouteShorthandOptions, 'config' | 'preHandler'> {
  const maxFields = opts.maxFields ?? MAX_FIELDS;
  const maxTotalBytes = opts.maxFileBytes + maxFields * MAX_FIELD_BYTES;
  return {
    config: { multipartForm: true },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.isMultipart()) return; // an ordinary url-encoded post: already checked
      const body = await readParts(request, opts.maxFileBytes, maxTotalBytes, opts.fileAsBytes ?? false, maxFields);
      if (hasUnacceptableText(body)) throw new BadInput(UNACCEPTABLE_CHARACTERS);
      request.body = body;
      return checkFormToken(request, reply);
    },
  };
}

async function readParts(
  request: FastifyRequest,
  maxFileBytes: number,
  maxTotalBytes: number,
  asBytes: boolean,
  maxFields: number,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null);
  const add = (name: string, value: unknown) => {
    const existing = body[name];
    body[name] = existing === undefined ? value : [existing, value].flat();
  };
  let total = 0;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxFileBytes, fields: maxFields, parts: maxFields + 1 } })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) {
          total += (chunk as Buffer).length;
          chunks.push(chunk as Buffer);
        }
        const bytes = Buffer.concat(chunks);
        add(part.fieldname, part.file.truncated ? FILE_TOO_LARGE : asBytes ? bytes : bytes.toString('utf8'));
      } else {
        const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        total += Buffer.byteLength(value);
        add(part.fieldname, value);
      }
      if (total > maxTotalBytes) throw new TooLarge('What was sent is too large.');
    }
  } catch (err) {
    if (err instanceof BadInput) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    throw status === 413 ? new TooLarge('What was sent is too large.') : new BadInput(UNREADABLE);
  }
  return { ...body };
}
