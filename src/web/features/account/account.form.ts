import { z } from 'zod';
import { str } from '../../form-fields.ts';

/**
 * The account forms (sign-in steps, sign-up, password and two-factor pages). Each field arrives as one
 * string; the account service checks what needs the account or the strength estimator (decision 014).
 * Passwords are never trimmed: a space is part of a password.
 */
const field = z.preprocess(str, z.string().max(1000, 'This must be 1,000 characters or fewer'));
const password = z.preprocess(str, z.string().max(200, 'Password must be 200 characters or fewer'));

export const codeForm = z.object({ code: field });
export const newPasswordForm = z.object({ newPassword: password, confirmPassword: password });
export const changePasswordForm = z.object({ currentPassword: password, newPassword: password, confirmPassword: password });
export const signUpForm = z.object({ displayName: field, email: field, password });
export const forgotPasswordForm = z.object({ email: field });
