import { z } from 'zod';
import { alsoFindProblem, searchedForProblem, synonymText } from '../../../domain/search-words.ts';
import type { SearchSynonymInput } from '../../../services/search-synonym.service.ts';
import { required } from '../../form-fields.ts';

const MAX_ALSO_FIND = 10;

/** "Add other words for search": what people type, and the words listings use, separated by commas. */
export const searchSynonymForm = z.object({
  searchedFor: required('Enter what people search for, like family tree', 'What people search for', 60)
    .transform(synonymText)
    .superRefine((v, ctx) => {
      const problem = searchedForProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  alsoFind: required('Enter the words listings use, like family history', 'Words to also find', 300)
    .transform((v) => [...new Set(v.split(',').map(synonymText).filter(Boolean))])
    .superRefine((list, ctx) => {
      const problem = list.length === 0 ? 'Enter the words listings use, like family history' : list.map(alsoFindProblem).find(Boolean);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (list.length > MAX_ALSO_FIND) ctx.addIssue({ code: 'custom', message: `Enter ${MAX_ALSO_FIND} or fewer different words to also find` });
    }),
}) satisfies z.ZodType<SearchSynonymInput>;
