import { z } from 'zod';
import { isCalendarDate } from '../../../domain/calendar-date.ts';
import type { AuditQuery } from '../../../services/admin.service.ts';
import { str, UUID_PATTERN } from '../../form-fields.ts';

const trimmed = (v: unknown) => str(v).trim();
const realDate = (v: string) => isCalendarDate(v);

/** The audit trail's filters (a GET): anything malformed is ignored, and shown back as blank. */
export const auditQuery = z
  .object({
    subject: z.preprocess(trimmed, z.string()),
    actor: z.preprocess(trimmed, z.string()),
    from: z.preprocess(trimmed, z.string()),
    to: z.preprocess(trimmed, z.string()),
    page: z.preprocess(trimmed, z.string()),
  })
  .transform(
    (q): AuditQuery => ({
      subject: q.subject,
      actor: UUID_PATTERN.test(q.actor) ? q.actor : '',
      from: realDate(q.from) ? q.from : '',
      to: realDate(q.to) ? q.to : '',
      page: Math.max(1, Math.min(10_000, Number.parseInt(q.page || '1', 10) || 1)),
    }),
  );
