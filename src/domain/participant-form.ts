import type { ConsentPurpose, Participant } from './participant.ts';

/** The fields a participant change can touch: audit events name these, never their values. */
export const PARTICIPANT_FIELDS = [
  'preferredName',
  'contactPreference',
  'phone',
  'email',
  'address',
  'postcode',
  'ageBand',
  'whatMatters',
  'tags',
  'needs',
  'interests',
  'barriers',
  'accessNeeds',
  'languages',
  'availableDays',
  'availableTimes',
] as const satisfies readonly (keyof Participant)[];

/** What a link worker records about a person: the least data that does the job. The postcode is as typed; the service looks it up. */
export type ParticipantInput = Pick<Participant, (typeof PARTICIPANT_FIELDS)[number]>;

/** Comma-separated short words, each up to 30 characters; up to 20 of them, without repeats. */
export function parseTags(input: string): string[] {
  const tags = input
    .split(',')
    .map((t) => t.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean);
  return [...new Set(tags)];
}

/** Recording a consent: what was agreed, how, and on which day (null: now). The service refuses a day in the future. */
export type ConsentInput = { purposes: ConsentPurpose[]; method: 'verbal' | 'written' | 'online'; givenOn: Date | null; note: string };
