import { z } from 'zod';
import { MAX_CALENDAR_BYTES } from '../../../domain/calendar-import.ts';
import type { CalendarSource } from '../../../services/calendar-import.service.ts';
import { str } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';

export const MAX_CALENDAR_FILE_BYTES = MAX_CALENDAR_BYTES;
const NOT_A_CALENDAR = 'The file is not a calendar. Choose an iCalendar file (it ends .ics)';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * "Import from your calendar": the chosen file (kept as bytes, so binary junk is a message next to the
 * field, not a refused request) or, with no file chosen, the calendar's web address.
 */
export const calendarImportForm = z.record(z.string(), z.unknown()).transform((b, ctx): CalendarSource => {
  const fail = (field: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [field], message });
    return z.NEVER;
  };
  const file = b.calendarFile;
  if (file === FILE_TOO_LARGE) return fail('calendarFile', 'The file must be smaller than 1 MB');
  if ((Buffer.isBuffer(file) && file.length > 0) || (typeof file === 'string' && file !== '')) {
    const bytes = Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8');
    if (bytes.includes(0)) return fail('calendarFile', NOT_A_CALENDAR);
    try {
      return { kind: 'file', text: UTF8.decode(bytes) };
    } catch {
      return fail('calendarFile', NOT_A_CALENDAR);
    }
  }
  const url = str(b.calendarUrl).trim();
  if (url === '') return fail('calendarFile', 'Choose your calendar file (.ics), or enter your calendar’s web address');
  if (url.length > 2000) return fail('calendarUrl', 'The web address must be 2,000 characters or fewer');
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    return fail('calendarUrl', 'Enter the calendar’s full web address, starting https://');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fail('calendarUrl', 'The calendar’s address must start http:// or https://');
  return { kind: 'url', url: parsed.toString() };
});
