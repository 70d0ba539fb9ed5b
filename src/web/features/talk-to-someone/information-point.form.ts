import { z } from 'zod';
import type { NewInformationPoint } from '../../../data/repositories/information-point.repository.ts';
import { formatPhone, formatPostcode, isFullPostcode, normalisePostcode } from '../../../domain/contact-details.ts';
import { INFORMATION_POINT_KINDS, type InformationPoint } from '../../../domain/information-points.ts';
import { WEEKDAYS } from '../../../domain/vocabulary.ts';
import { oneOf, optionalPhone, required, str, text, toList } from '../../form-fields.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (label: string) =>
  z.preprocess(
    (v) => str(v).trim(),
    z.string().refine((v) => v === '' || TIME.test(v), `${label} must be a time like 10:00`),
  );

/** "Add an information point" and "Change an information point" (coordinators, their scheme's): what it is, where, and when it meets or is open. */
export const informationPointForm = z
  .object({
    kind: oneOf(INFORMATION_POINT_KINDS, 'Choose what kind of information point it is'),
    name: required('Enter a name, like Frome Heritage Café', 'Name', 120),
    description: text('Description', 400),
    placeName: text('Place', 120),
    addressLine: text('Address', 120),
    town: text('Town', 60),
    postcode: z
      .preprocess(
        (v) => normalisePostcode(str(v)),
        z.string().refine((v) => v === '' || isFullPostcode(v), 'Enter a full postcode, like BA11 1BN'),
      )
      .transform((v) => (v === '' ? null : v)),
    phone: optionalPhone('Phone number'),
    hoursNote: text('Opening hours', 200),
    frequency: z.preprocess(str, z.enum(['', 'weekly', 'monthly'], { error: 'Choose how often it meets' })),
    // Several days for a phone line open Monday, Wednesday and Friday; each becomes one of its times.
    weekday: z.preprocess(toList, z.array(z.string())).transform((v) => [...new Set(v.map((d) => Number(d) || 0))]),
    weekOfMonth: z.preprocess(str, z.string()).transform((v) => (['1', '2', '3', '4', '-1'].includes(v) ? Number(v) : 1)),
    startTime: time('Start time'),
    endTime: time('End time'),
  })
  .superRefine((v, ctx) => {
    if (!v.frequency) return;
    if (v.weekday.length === 0 || !v.weekday.every((day) => WEEKDAYS.some((d) => Number(d.code) === day)))
      ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'Choose the day or days it meets' });
    if (!v.startTime) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'Enter the time it starts' });
    if (!v.endTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Enter the time it ends' });
    if (v.startTime && v.endTime && v.endTime <= v.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time' });
  })
  .transform(
    (v): Omit<NewInformationPoint, 'schemeId'> => ({
      kind: v.kind as NewInformationPoint['kind'],
      name: v.name,
      description: v.description,
      placeName: v.placeName,
      addressLine: v.addressLine,
      town: v.town,
      postcode: v.postcode,
      phone: v.phone,
      hoursNote: v.hoursNote,
      times: v.frequency
        ? v.weekday
            .sort((a, b) => a - b)
            .map((weekday) => ({
              frequency: v.frequency as 'weekly' | 'monthly',
              weekday,
              weekOfMonth: v.frequency === 'monthly' ? v.weekOfMonth : null,
              startDate: '2026-01-01',
              startTime: v.startTime,
              endTime: v.endTime,
            }))
        : [],
    }),
  );

/** A stored point as the form's values, for "Change an information point". Several times share one day list. */
export function informationPointValues(p: InformationPoint): Record<string, string | string[]> {
  const first = p.times[0];
  return {
    kind: p.kind,
    name: p.name,
    description: p.description,
    placeName: p.placeName,
    addressLine: p.addressLine,
    town: p.town,
    postcode: p.postcode ? formatPostcode(p.postcode) : '',
    phone: p.phone ? formatPhone(p.phone) : '',
    hoursNote: p.hoursNote,
    frequency: first?.frequency ?? '',
    weekday: p.times.map((t) => String(t.weekday)),
    weekOfMonth: String(first?.weekOfMonth ?? 1),
    startTime: first?.startTime ?? '',
    endTime: first?.endTime ?? '',
  };
}
