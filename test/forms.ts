import type { z } from 'zod';
import { parseOrFail } from '../src/web/forms.ts';

/** What a route does before it calls a service: parse the posted form; an invalid one rejects with ValidationFailed. */
export function submit<S extends z.ZodType, R>(schema: S, body: unknown, call: (input: z.output<S>) => Promise<R>): Promise<R> {
  return Promise.resolve().then(() => call(parseOrFail(schema, body)));
}
