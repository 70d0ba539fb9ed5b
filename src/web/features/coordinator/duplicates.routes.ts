import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import type { DuplicateRow } from '../../../services/duplicate.service.ts';
import type { User } from '../../../domain/user.ts';
import { flashFrom } from '../../flash.ts';
import { type FormBody, handleForm } from '../../forms.ts';
import { paths } from '../../paths.ts';
import { mergeForm, notTheSameForm } from './duplicates.form.ts';

const FLASH = {
  merged: 'The two records have been merged. Links to the one that went now lead to the one you kept.',
  'not-the-same': 'Marked as not the same. We will not show this pair again.',
};
const HEADINGS = { organisation: 'Organisations', place: 'Places', activity: 'Activities' } as const;

/** The duplicates page (decision 047): likely pairs with reasons; merge one pair or mark it "not the same". */
export function registerDuplicateRoutes(app: FastifyInstance, services: Services) {
  const { duplicates } = services.listings;

  async function page(user: User, query: unknown, values: FormBody = {}) {
    const rows = await duplicates.list(user);
    const groups = (['organisation', 'place', 'activity'] as const).map((kind) => ({
      kind,
      heading: HEADINGS[kind],
      pairs: rows.filter((r: DuplicateRow) => r.kind === kind),
    }));
    return { pageTitle: 'Possible duplicates', flash: flashFrom(query, FLASH), groups, total: rows.length, posted: values };
  }

  app.get(paths.coordinator.duplicates, async (request, reply) => reply.view('features/coordinator/duplicates.njk', await page(request.user!, request.query)));

  app.post(paths.coordinator.duplicatesMerge, async (request, reply) =>
    handleForm(request, reply, {
      schema: mergeForm,
      view: 'features/coordinator/duplicates.njk',
      context: (values) => page(request.user!, {}, values),
      handle: async (input) => {
        await duplicates.merge(request.user!, input.kind, input.keep, input.other);
        return `${paths.coordinator.duplicates}?done=merged`;
      },
    }),
  );

  app.post(paths.coordinator.duplicatesNotTheSame, async (request, reply) =>
    handleForm(request, reply, {
      schema: notTheSameForm,
      view: 'features/coordinator/duplicates.njk',
      context: (values) => page(request.user!, {}, values),
      handle: async (input) => {
        await duplicates.notTheSame(request.user!, input.kind, input.first, input.second);
        return `${paths.coordinator.duplicates}?done=not-the-same`;
      },
    }),
  );
}
