import type { FieldError } from './errors.ts';
import { labelOf, type Term } from './vocabulary.ts';

/**
 * Community heritage (issue 11, decision 042): what people add — a place that matters to them, or a
 * memory about a place or an activity — with who made it, the credit they want, the licence they
 * chose, and where it stands in moderation. Pure rules; the service enforces them.
 */
export type ContributionKind = 'place' | 'memory';

export type ContributionStatus = 'draft' | 'waiting_for_review' | 'changes_requested' | 'published' | 'reported' | 'removed';

export const CONTRIBUTION_STATUSES: readonly Term[] = [
  { code: 'draft', label: 'Draft' },
  { code: 'waiting_for_review', label: 'Waiting for review' },
  { code: 'changes_requested', label: 'Changes requested' },
  { code: 'published', label: 'Published' },
  { code: 'reported', label: 'Reported, waiting for review' },
  { code: 'removed', label: 'Removed' },
];

/** Who moves a contribution on: the person who made it, or a moderator (a coordinator of its area, the provider of its activity). */
export type ContributionSide = 'contributor' | 'moderator';

/** The lifecycle. Each edge names who may take it (as `domain/referral.ts`). */
export const CONTRIBUTION_TRANSITIONS: Record<ContributionStatus, Partial<Record<ContributionStatus, ContributionSide[]>>> = {
  draft: { waiting_for_review: ['contributor'] },
  changes_requested: { waiting_for_review: ['contributor'] },
  waiting_for_review: { published: ['moderator'], changes_requested: ['moderator'], removed: ['moderator', 'contributor'] },
  published: { reported: ['moderator'], removed: ['moderator', 'contributor'] },
  reported: { published: ['moderator'], removed: ['moderator', 'contributor'] },
  removed: {},
};

export function canMoveContribution(from: ContributionStatus, to: ContributionStatus, side: ContributionSide): boolean {
  return CONTRIBUTION_TRANSITIONS[from][to]?.includes(side) ?? false;
}

/** The contributor may still change the words of a draft or one sent back with changes requested. */
export const EDITABLE_STATUSES: readonly ContributionStatus[] = ['draft', 'changes_requested'];

/** Shown to the public (unless hidden by reports or private to the group). */
export const PUBLIC_STATUSES: readonly ContributionStatus[] = ['published', 'reported'];

/** Three reports from different people hide an item until a moderator looks at it. */
export const REPORTS_TO_HIDE = 3;

export const LICENCES = [
  {
    code: 'cc_by_sa_4',
    label: 'Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)',
    hint: 'Anyone may reuse it, crediting you, and share what they make the same way.',
  },
  { code: 'cc_by_4', label: 'Creative Commons Attribution 4.0 (CC BY 4.0)', hint: 'Anyone may reuse it, crediting you.' },
  { code: 'waymark_only', label: 'Shown on Waymark only', hint: 'Nobody else may reuse it; it is left out of Waymark’s open data.' },
] as const satisfies readonly Term[];
export type Licence = (typeof LICENCES)[number]['code'];

export const LICENCE_URLS: Record<Licence, string | null> = {
  cc_by_sa_4: 'https://creativecommons.org/licenses/by-sa/4.0/',
  cc_by_4: 'https://creativecommons.org/licenses/by/4.0/',
  waymark_only: null,
};

/** Open licences: only these leave Waymark as open data. */
export const isOpenLicence = (l: Licence) => l !== 'waymark_only';

export const CREDIT_KINDS = [
  { code: 'full_name', label: 'My name' },
  { code: 'first_name', label: 'My first name only' },
  { code: 'group', label: 'A group' },
  { code: 'anonymous', label: 'Anonymous' },
] as const satisfies readonly Term[];
export type CreditKind = (typeof CREDIT_KINDS)[number]['code'];

export const REPORT_REASONS = [
  { code: 'privacy', label: 'It shows or says something private about someone' },
  { code: 'copyright', label: 'It uses someone else’s work without permission' },
  { code: 'inaccurate', label: 'It is wrong' },
  { code: 'offensive', label: 'It is offensive' },
  { code: 'other', label: 'Something else' },
] as const satisfies readonly Term[];
export type ReportReason = (typeof REPORT_REASONS)[number]['code'];

export const PLACE_KINDS = [
  { code: 'shop', label: 'A shop or market' },
  { code: 'pub', label: 'A pub, café or meeting place' },
  { code: 'building', label: 'A building' },
  { code: 'green_space', label: 'A park, green or allotment' },
  { code: 'structure', label: 'A bandstand, monument or street feature' },
  { code: 'work', label: 'A place of work or industry' },
  { code: 'other', label: 'Something else' },
] as const satisfies readonly Term[];

/** The credit line people read: what the contributor chose, never more. */
export function creditLine(c: { creditKind: CreditKind; creditName: string | null }): string {
  if (c.creditKind === 'anonymous' || !c.creditName) return 'Anonymous';
  return c.creditName;
}

export const licenceLabel = (l: Licence) => labelOf(LICENCES, l);
export const statusLabel = (s: ContributionStatus) => labelOf(CONTRIBUTION_STATUSES, s);

export type Contribution = {
  id: string;
  kind: ContributionKind;
  status: ContributionStatus;
  contributorId: string | null;
  enteredForOrganisationId: string | null;
  tellerConsentAt: Date | null;
  privateToGroup: boolean;
  creditKind: CreditKind;
  creditName: string | null;
  licence: Licence;
  title: string;
  placeKind: string | null;
  body: string;
  approximateDate: string | null;
  oneOfSeveralViews: boolean;
  postcode: string | null;
  whereDescription: string | null;
  easting: number | null;
  northing: number | null;
  /** The outward code whose scheme moderates it. */
  areaOutcode: string;
  aboutHeritageAssetId: string | null;
  aboutPlaceId: string | null;
  aboutActivityId: string | null;
  /** A stop on a published heritage walk (decision 048). */
  aboutWalkStopId: string | null;
  statusMessage: string | null;
  hiddenByReports: boolean;
  submittedAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Seen by anyone: published (or reported and still shown), not hidden by reports, not private to a group. */
export function isPublic(c: Pick<Contribution, 'status' | 'hiddenByReports' | 'privateToGroup'>): boolean {
  return PUBLIC_STATUSES.includes(c.status) && !c.hiddenByReports && !c.privateToGroup;
}

/**
 * What is missing before a draft can be sent for review, in the words the page lists them. A photo
 * showing people needs the contributor's word that they agreed; staff entering for a teller record
 * the teller's consent.
 */
export function missingBeforeSubmit(c: Contribution, photos: readonly { altText: string }[], opts: { onBehalf: boolean }): FieldError[] {
  const missing: FieldError[] = [];
  if (!c.title.trim()) missing.push({ field: 'title', message: c.kind === 'place' ? 'The name of the place' : 'A title for the memory' });
  if (!c.body.trim()) missing.push({ field: 'body', message: c.kind === 'place' ? 'Why the place matters' : 'The memory itself' });
  if (c.kind === 'place' && !c.placeKind) missing.push({ field: 'placeKind', message: 'What kind of place it is' });
  if (c.kind === 'place' && c.easting === null) missing.push({ field: 'postcode', message: 'Where it is (a postcode)' });
  if (c.creditKind !== 'anonymous' && !c.creditName?.trim()) missing.push({ field: 'creditName', message: 'The name to credit' });
  if (opts.onBehalf && !c.tellerConsentAt) missing.push({ field: 'tellerConsent', message: 'The teller’s consent' });
  if (photos.some((p) => !p.altText.trim())) missing.push({ field: 'altText', message: 'A description of each photo' });
  return missing;
}

/** A moderator's decision on an item: publish, ask for changes (with a message), or remove (with a reason). */
export type ModerationDecision = { to: 'published' } | { to: 'changes_requested'; message: string } | { to: 'removed'; message: string };
