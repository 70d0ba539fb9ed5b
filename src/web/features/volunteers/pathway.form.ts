import { z } from 'zod';
import { ticked } from '../../form-fields.ts';

/** Sending the volunteer form at the end of a prescription: only with the person's agreement (decision 034). */
export const sendVolunteerForm = z.object({
  agreed: ticked.refine((v) => v, 'Tick the box to confirm they agreed to be sent the volunteer form'),
});
