import type { BankHolidayRule } from './bank-holidays.ts';

/** The directory's language. Field meanings align with Open Referral UK 3.0 (see api/oruk). */
export type OrganisationStatus = 'pending' | 'approved' | 'rejected';

export type Organisation = {
  id: string;
  name: string;
  orgType: string;
  description: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  status: OrganisationStatus;
  statusNote: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** ORUK location. Positions are British National Grid metres plus WGS84 for maps and the API. */
export type Place = {
  id: string;
  organisationId: string;
  name: string;
  addressLine: string;
  town: string;
  postcode: string;
  easting: number;
  northing: number;
  latitude: number;
  longitude: number;
  nhleListEntry: number | null;
  communityValued: boolean;
  description: string;
};

export type CostType = 'free' | 'paid' | 'free_for_referred';
export type ListingStatus = 'pending' | 'live' | 'rejected' | 'withdrawn' | 'changes_requested';

/** What a provider writes about an activity: the content that is versioned and approved. */
export type ActivityContent = {
  placeId: string;
  title: string;
  summary: string;
  description: string;
  activityTypes: string[];
  needs: string[];
  ageMin: number | null;
  ageMax: number | null;
  groupSizeMax: number | null;
  eligibility: string;
  firstVisit: string;
  costType: CostType;
  pricePence: number | null;
  costNote: string;
  fundedPlaces: number | null;
  access: string[];
  distanceWalkedM: number | null;
  terrain: string | null;
  support: string[];
  referralRoutes: string[];
  languages: string[];
  safeguarding: string[];
  months: number[];
  capacity: number | null;
  howToJoin: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
};

/** ORUK service. */
export type Activity = ActivityContent & {
  id: string;
  organisationId: string;
  /** Printed on paper, read out on the phone, typed on the website: NR-4K7 (decision 030). */
  shortCode: string;
  status: ListingStatus;
  statusNote: string | null;
  lastCheckedAt: Date;
  nextSessionAt: Date | null;
  nextSessionEndAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type Frequency = 'weekly' | 'fortnightly' | 'monthly' | 'once';

/** ORUK schedule. Dates are 'YYYY-MM-DD'; times 'HH:MM' local Europe/London wall-clock. */
export type ActivitySession = {
  id: string;
  activityId: string;
  frequency: Frequency;
  /** ISO weekday 1 = Monday … 7 = Sunday; for 'once' it is the start date's weekday. */
  weekday: number | null;
  /** For monthly: 1–4, or -1 for the last such weekday of the month. */
  weekOfMonth: number | null;
  startDate: string;
  endDate: string | null;
  startTime: string;
  endTime: string;
  note: string;
  /** Whether the series runs on bank holidays (decision 022). */
  bankHolidays: BankHolidayRule;
  cancellations: Cancellation[];
};

export type Cancellation = { date: string; reason: string };

export type Occurrence = { sessionId: string; date: string; start: Date; end: Date };

/** Freshness rules (PRODUCT.md §3.1): prompt owners at 6 months; leave search at 12. */
export const FRESHNESS = { promptAfterMonths: 6, hideAfterMonths: 12 } as const;

export type Freshness = 'fresh' | 'due' | 'expired';

/** Freshness counts average calendar months. */
const MONTH_MS = 30.4375 * 24 * 60 * 60 * 1000;

/** The instant `months` average months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  return new Date(now.getTime() - months * MONTH_MS);
}

/** Listings checked before this instant have left search and the open data. */
export function freshnessCutoff(now: Date): Date {
  return monthsBefore(now, FRESHNESS.hideAfterMonths);
}

export function freshnessOf(lastCheckedAt: Date, now: Date): Freshness {
  const months = (now.getTime() - lastCheckedAt.getTime()) / MONTH_MS;
  if (months >= FRESHNESS.hideAfterMonths) return 'expired';
  if (months >= FRESHNESS.promptAfterMonths) return 'due';
  return 'fresh';
}
