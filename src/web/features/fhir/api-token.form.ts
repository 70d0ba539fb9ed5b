import { z } from 'zod';
import type { NewApiTokenInput } from '../../../services/api-token.service.ts';
import { plainText } from '../../form-fields.ts';

/** "Issue a token": which referring organisation, and a label to recognise it by (the sending system). */
export const apiTokenForm = z.object({
  organisationId: z.preprocess(plainText, z.string().min(1, 'Choose the organisation whose system will send referrals')),
  label: z.preprocess(
    plainText,
    z.string().min(1, 'Enter a label, like the name of the system that will use it').max(100, 'Label must be 100 characters or fewer'),
  ),
}) satisfies z.ZodType<NewApiTokenInput>;
