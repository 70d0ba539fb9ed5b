import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../../domain/vocabulary.ts';
import { codeList, str, text, ticked, UUID_PATTERN } from '../../form-fields.ts';

export const PACK_RADII = [1, 2, 3, 5, 10, 25] as const;
export type PackStyle = 'normal' | 'large' | 'easy';

/**
 * The pack builder's choices (GET, decision 018): a place and radius or a scheme's area, a month
 * ('YYYY-MM'; blank is next month by the clock), interests, free, step-free, grouping and print style.
 */
export const packQuery = z.object({
  where: text('Postcode or town', 100),
  radius: z.preprocess(str, z.string()).transform((v) => ((PACK_RADII as readonly number[]).includes(Number(v)) ? Number(v) : 3)),
  scheme: z
    .preprocess(str, z.string())
    .refine((v) => v === '' || UUID_PATTERN.test(v), 'Choose an area from the list')
    .transform((v) => (v === '' ? null : v)),
  month: z.preprocess(str, z.string()).refine((v) => v === '' || /^20\d\d-(0[1-9]|1[0-2])$/.test(v), 'Choose a month from the list'),
  types: codeList(ACTIVITY_TYPES, 'interests'),
  free: ticked,
  stepfree: ticked,
  group: z.preprocess(str, z.string()).transform((v): 'week' | 'day' => (v === 'day' ? 'day' : 'week')),
  style: z.preprocess(str, z.string()).transform((v): PackStyle => (v === 'large' || v === 'easy' ? v : 'normal')),
});
export type PackQuery = z.output<typeof packQuery>;

/** A poster's size. */
export const posterQuery = z.object({
  size: z.preprocess(str, z.string()).transform((v): 'a4' | 'a5' => (v === 'a5' ? 'a5' : 'a4')),
});

/** The query string that gives the same pack again (print, PDF, the builder's "change"). */
export function packSearch(q: PackQuery, month: string): string {
  const s = new URLSearchParams();
  if (q.scheme) s.set('scheme', q.scheme);
  else {
    s.set('where', q.where);
    s.set('radius', String(q.radius));
  }
  s.set('month', month);
  for (const t of q.types) s.append('types', t);
  if (q.free) s.set('free', 'yes');
  if (q.stepfree) s.set('stepfree', 'yes');
  s.set('group', q.group);
  s.set('style', q.style);
  return s.toString();
}
