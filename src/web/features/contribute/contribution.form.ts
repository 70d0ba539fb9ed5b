import { z } from 'zod';
import { CREDIT_KINDS, type CreditKind, LICENCES, type Licence, PLACE_KINDS, REPORT_REASONS, type ReportReason } from '../../../domain/contribution.ts';
import type { ModerationDecision } from '../../../domain/contribution.ts';
import type { ContributionInput, PhotoInput, RecordingInput } from '../../../services/contribution.service.ts';
import { oneOf, optionalText, required, str, text, ticked } from '../../form-fields.ts';
import { FILE_TOO_LARGE } from '../../middleware/multipart-form.ts';
import { mapPositionFields, mapPositionIssue, mapPositionOf } from '../../map-position.ts';

const common = {
  body: text('The text', 10000),
  approximateDate: optionalText('When', 60),
  oneOfSeveralViews: ticked,
  creditKind: oneOf(CREDIT_KINDS, 'Choose how you want to be credited').transform((v) => v as CreditKind),
  creditName: optionalText('Name to credit', 100),
  licence: oneOf(LICENCES, 'Choose how others may reuse it').transform((v) => v as Licence),
  tellerConsent: ticked,
  privateToGroup: ticked,
  send: z.preprocess(str, z.string()).transform((v) => v === 'send'),
};

/** "Add a place that matters": the service finds the postcode and works out who moderates it. */
export const placeContributionForm = z
  .object({
    title: required('Enter the name of the place', 'Name', 150),
    placeKind: oneOf(PLACE_KINDS, 'Choose what kind of place it is'),
    postcode: required('Enter the postcode of the place, or the nearest one', 'Postcode', 10),
    whereDescription: optionalText('Where it is', 500),
    ...mapPositionFields,
    ...common,
  })
  .superRefine(mapPositionIssue)
  .transform((v) => ({ ...v, placeKind: v.placeKind as string | null, ...mapPositionOf(v) })) satisfies z.ZodType<ContributionInput>;

/** "Add a memory": about a place (designated or contributed) or an activity. */
export const memoryContributionForm = z
  .object({
    title: required('Enter a title for the memory', 'Title', 150),
    ...common,
  })
  .transform((v) => ({
    ...v,
    placeKind: null,
    postcode: null,
    whereDescription: null,
    latitude: null,
    longitude: null,
  })) satisfies z.ZodType<ContributionInput>;

/** The optional photo on the same form; none chosen is no photo. */
export function photoFrom(body: Record<string, unknown>): PhotoInput | undefined {
  const file = body.photo;
  if (file === FILE_TOO_LARGE) return { bytes: 'too_large', altText: str(body.altText), peopleAgreed: false, showsPeople: false };
  if (!Buffer.isBuffer(file) || (file.length === 0 && !str(body.altText).trim())) return undefined;
  return {
    bytes: file,
    altText: str(body.altText).trim().slice(0, 500),
    showsPeople: str(body.showsPeople) === 'yes',
    peopleAgreed: str(body.peopleAgreed) === 'yes',
  };
}

/** A memory's recording and its transcript (the service checks the file itself, decision 048). */
export const recordingForm = z
  .object({
    recording: z
      .custom<Buffer | typeof FILE_TOO_LARGE>((v) => Buffer.isBuffer(v) || v === FILE_TOO_LARGE, 'Choose a recording: an MP3 or WAV file')
      .transform((v) => (v === FILE_TOO_LARGE ? ('too_large' as const) : v)),
    transcript: text('What is said in the recording', 20000),
  })
  .transform((v): RecordingInput => ({ bytes: v.recording, transcript: v.transcript }));

export const reportForm = z.object({
  reason: oneOf(REPORT_REASONS, 'Choose what is wrong').transform((v) => v as ReportReason),
  details: text('More about what is wrong', 2000),
});

export const decisionForm = z
  .object({
    decision: z.preprocess(str, z.enum(['published', 'changes_requested', 'removed'], 'Choose what to do with it')),
    message: text('The message', 2000),
  })
  .transform((v): ModerationDecision => (v.decision === 'published' ? { to: 'published' } : { to: v.decision, message: v.message }));

/** Erasing your own account: what happens to what you added, and a tick to be sure. */
export const eraseForm = z.object({
  choice: z.preprocess(str, z.enum(['remove', 'anonymise'], 'Choose what happens to what you added')),
  confirm: z.preprocess(str, z.literal('yes', 'Tick the box to confirm you want your account erased')),
});
