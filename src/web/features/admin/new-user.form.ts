import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../../domain/password.ts';
import { ROLES, type NewUserInput } from '../../../services/admin.service.ts';
import { plainText } from '../../form-fields.ts';

const text = plainText;

/** "Create an account"; the service checks the scheme and organisation fit the role, and that the email is new. */
export const newUserForm = z.object({
  displayName: z.preprocess(text, z.string().min(1, 'Enter their name').max(100, 'Name must be 100 characters or fewer')),
  email: z.preprocess(
    text,
    z.string().min(1, 'Enter their email address').pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  ),
  role: z.enum(ROLES, 'Choose a role'),
  schemeId: z.preprocess(text, z.string()),
  organisationId: z.preprocess(text, z.string()),
  temporaryPassword: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Temporary password must be at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(200, 'Password must be 200 characters or fewer'),
  ),
}) satisfies z.ZodType<NewUserInput>;
