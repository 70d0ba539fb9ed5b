import { z } from 'zod';
import { required, str } from '../../form-fields.ts';

/** "Add a prompt" and "Change a prompt". */
export const promptForm = z.object({
  theme: required('Enter a theme, like Places that matter', 'Theme', 60),
  prompt: required('Enter the prompt', 'Prompt', 400),
});

/** The up and down buttons beside each prompt. */
export const moveForm = z.object({ direction: z.preprocess(str, z.enum(['up', 'down'], { error: 'Choose whether to move the prompt up or down' })) });
