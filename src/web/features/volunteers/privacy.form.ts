import { z } from 'zod';
import { ticked } from '../../form-fields.ts';

/** Erasing a volunteer's personal data needs a deliberate tick (decision 034). */
export const eraseVolunteerForm = z.object({
  confirm: ticked.refine((v) => v, 'Tick the box to confirm you want to erase this volunteer’s personal data'),
});
