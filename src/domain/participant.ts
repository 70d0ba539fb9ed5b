import type { Term } from './vocabulary.ts';

/** A person being supported. The least personal data that does the job: no NHS number, no date of birth. */
export type Participant = {
  id: string;
  schemeId: string;
  organisationId: string | null;
  caseworkerId: string | null;
  source: 'link_worker' | 'self' | 'connector';
  preferredName: string;
  contactPreference: ContactPreference;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  ageBand: string | null;
  whatMatters: string;
  tags: string[];
  needs: string[];
  interests: string[];
  barriers: string[];
  accessNeeds: string[];
  languages: string[];
  availableDays: number[];
  availableTimes: string[];
  createdAt: Date;
  updatedAt: Date;
  anonymisedAt: Date | null;
};

export type ContactPreference = 'phone' | 'email' | 'text' | 'letter';

export const CONTACT_PREFERENCES: readonly Term[] = [
  { code: 'phone', label: 'Phone call' },
  { code: 'email', label: 'Email' },
  { code: 'text', label: 'Text message' },
  { code: 'letter', label: 'Letter' },
];

export const AGE_BANDS: readonly Term[] = [
  { code: '18-24', label: '18 to 24' },
  { code: '25-34', label: '25 to 34' },
  { code: '35-44', label: '35 to 44' },
  { code: '45-54', label: '45 to 54' },
  { code: '55-64', label: '55 to 64' },
  { code: '65-74', label: '65 to 74' },
  { code: '75-84', label: '75 to 84' },
  { code: '85+', label: '85 or over' },
];

/** Barriers to check before a referral is confirmed (PRODUCT.md §1: physical, financial, psychological, language). */
export const BARRIERS: readonly Term[] = [
  { code: 'transport', label: 'Transport' },
  { code: 'cost', label: 'Cost' },
  { code: 'mobility', label: 'Mobility' },
  { code: 'confidence', label: 'Confidence or anxiety about going' },
  { code: 'language', label: 'Language' },
  { code: 'caring', label: 'Caring duties' },
  { code: 'digital', label: 'Digital access' },
];

export type ConsentPurpose = 'referral' | 'share_with_provider' | 'follow_up' | 'questionnaires';

export const CONSENT_PURPOSES: readonly Term[] = [
  { code: 'referral', label: 'Being referred to activities', hint: 'Needed before any referral is sent' },
  {
    code: 'share_with_provider',
    label: 'Sharing what matters to them with the provider',
    hint: 'Otherwise the provider sees only name, contact and support needs',
  },
  { code: 'follow_up', label: 'Being contacted for follow-up' },
  { code: 'questionnaires', label: 'Wellbeing questionnaires' },
];

export const CONSENT_METHODS: readonly Term[] = [
  { code: 'verbal', label: 'Verbally, in conversation' },
  { code: 'written', label: 'In writing' },
  { code: 'online', label: 'Online form' },
];

export type Consent = {
  id: string;
  participantId: string;
  purpose: ConsentPurpose;
  method: 'verbal' | 'written' | 'online';
  givenAt: Date;
  recordedBy: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  note: string;
};

/** A consent counts only while it has not been withdrawn. */
export function hasConsent(consents: readonly Consent[], purpose: ConsentPurpose): boolean {
  return consents.some((c) => c.purpose === purpose && c.withdrawnAt === null);
}
