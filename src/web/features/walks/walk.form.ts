import { z } from 'zod';
import { GRADIENTS, SURFACES, type WalkInput, type WalkStopInput } from '../../../domain/walks.ts';
import { oneOf, optionalText, required, str, text, ticked, wholeNumber } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';
import type { StopPhotoChange } from '../../../services/walk.service.ts';

/** A walk's details: what it is and where it starts (the service finds the postcode and checks the area). */
export const walkForm = z.object({
  title: required('Enter the walk’s name', 'Name', 120),
  summary: required('Say in a sentence or two what the walk shows', 'Summary', 1000),
  town: required('Enter the town or area the walk is in', 'Town or area', 80),
  postcode: required('Enter the postcode where the walk starts', 'Postcode', 10),
}) satisfies z.ZodType<Omit<WalkInput, 'organisationId'>>;

const yesNo = (message: string) => z.preprocess(str, z.enum(['yes', 'no'], { error: message })).transform((v) => v === 'yes');

/** A decimal number in a range, or blank (null). */
const degrees = (label: string, example: string, min: number, max: number) =>
  z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .refine((v) => v === '' || /^-?\d{1,3}(\.\d{1,8})?$/.test(v), `${label} must be a number in degrees, like ${example}`)
      .refine((v) => v === '' || !/^-?\d{1,3}(\.\d{1,8})?$/.test(v) || (Number(v) >= min && Number(v) <= max), `${label} must be in England, like ${example}`)
      .transform((v) => (v === '' ? null : Number(v))),
  );

/** One stop and the way to it from the stop before. */
export const stopForm = z
  .object({
    name: required('Enter the stop’s name', 'Name', 120),
    postcode: optionalText('Postcode', 10),
    latitude: degrees('Latitude', '52.6044', 49.8, 55.9),
    longitude: degrees('Longitude', '1.7281', -6.5, 2),
    directions: text('Directions', 2000),
    story: text('Story', 4000),
    heritageAssetId: z.preprocess(str, z.string().regex(/^\d{0,18}$/, 'Choose a heritage place from the list')).transform((v) => (v === '' ? null : v)),
    contributedPlaceId: z
      .preprocess(
        str,
        z.string().regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i, 'Choose a place that matters to local people from the list'),
      )
      .transform((v) => (v === '' ? null : v.toLowerCase())),
    stepFree: yesNo('Say whether the stop is step-free'),
    bench: ticked,
    toilet: ticked,
    accessNote: text('Anything else about access', 500),
    legWalkedM: wholeNumber('Walking distance', '450', 50000, 1),
    legStepFree: yesNo('Say whether the way here is step-free'),
    legSurface: oneOf(SURFACES, 'Choose the surface of the way here'),
    legGradient: oneOf(GRADIENTS, 'Choose how steep the way here is'),
    legBench: ticked,
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === null) !== (v.longitude === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.latitude === null ? 'latitude' : 'longitude'],
        message: 'Enter both the latitude and the longitude, or neither',
      });
    }
    if (!v.postcode && v.latitude === null && v.longitude === null) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter the stop’s postcode, or its latitude and longitude' });
    }
  })
  .transform(
    (v): WalkStopInput => ({
      name: v.name,
      postcode: v.postcode,
      latitude: v.latitude,
      longitude: v.longitude,
      directions: v.directions,
      story: v.story,
      heritageAssetId: v.heritageAssetId,
      contributedPlaceId: v.contributedPlaceId,
      stepFree: v.stepFree,
      bench: v.bench,
      toilet: v.toilet,
      accessNote: v.accessNote,
      leg: {
        walkedM: v.legWalkedM,
        stepFree: v.legStepFree,
        surface: v.legSurface as WalkStopInput['leg']['surface'],
        gradient: v.legGradient as WalkStopInput['leg']['gradient'],
        bench: v.legBench,
      },
    }),
  );

/** The stop's photo on the same form: a new one (with its description and credit), removing it, or nothing. */
export function stopPhotoFrom(body: Record<string, unknown>): StopPhotoChange {
  const file = body.photo;
  const credit = str(body.photoCredit).trim().slice(0, 120);
  const altText = str(body.altText).trim().slice(0, 500);
  const consent = { showsPeople: str(body.showsPeople) === 'yes', peopleAgreed: str(body.peopleAgreed) === 'yes' };
  if (file === FILE_TOO_LARGE) return { photo: { bytes: 'too_large', altText, credit, ...consent } };
  if (Buffer.isBuffer(file) && (file.length > 0 || altText)) return { photo: { bytes: file, altText, credit, ...consent } };
  return str(body.removePhoto) === 'yes' ? { remove: true } : undefined;
}

/** Moving a stop comes from a button: up or down. */
export const moveForm = z.object({ direction: z.preprocess(str, z.enum(['up', 'down'], { error: 'Choose up or down' })) });

/** The public list's filters; anything odd is a 400 (parseOrFail). */
export const walksQuery = z.object({
  where: text('Postcode or town', 100),
  town: text('Town', 80),
  stepfree: z.preprocess(str, z.string()).transform((v) => v === '1' || v === 'yes'),
});
