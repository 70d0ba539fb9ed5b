import { z } from 'zod';
import { GRADIENTS, SURFACES, type WalkInput, type WalkStopInput } from '../../../domain/walks.ts';
import { oneOf, optionalText, required, str, text, ticked, wholeNumber } from '../../form-fields.ts';
import { checkPosition, mapPositionOf, type PositionProblem } from '../../map-position.ts';
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

/** What the stop form says about its typed coordinates (the check itself is the map picker's, map-position.ts). */
const COORDINATE = { latitude: { label: 'Latitude', example: '52.6044' }, longitude: { label: 'Longitude', example: '1.7281' } } as const;
const coordinateMessage = ({ field, problem }: PositionProblem) => {
  const { label, example } = COORDINATE[field];
  if (problem === 'incomplete') return 'Enter both the latitude and the longitude, or neither';
  return problem === 'notANumber' ? `${label} must be a number in degrees, like ${example}` : `${label} must be in England, like ${example}`;
};

/** One stop and the way to it from the stop before. */
export const stopForm = z
  .object({
    name: required('Enter the stop’s name', 'Name', 120),
    postcode: optionalText('Postcode', 10),
    latitude: text('Latitude', 40),
    longitude: text('Longitude', 40),
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
    const position = checkPosition(v.latitude, v.longitude);
    if (!position.ok) for (const p of position.problems) ctx.addIssue({ code: 'custom', path: [p.field], message: coordinateMessage(p) });
    else if (!v.postcode && position.latitude === null) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter the stop’s postcode, or its latitude and longitude' });
    }
  })
  .transform(
    (v): WalkStopInput => ({
      name: v.name,
      postcode: v.postcode,
      ...mapPositionOf(v),
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
