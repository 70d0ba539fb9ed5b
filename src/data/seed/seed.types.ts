import { DEFAULT_BANK_HOLIDAY_RULE, type BankHolidayRule } from '../../domain/bank-holidays.ts';
import type { ActivitySession, CostType, Frequency } from '../../domain/directory.ts';
import { isoWeekday } from '../../domain/schedule.ts';

/** The shapes the demo data is written in: compact, keyed, and turned into rows by seed.ts. */
export type SeedOrganisation = {
  key: string;
  name: string;
  orgType: string;
  description: string;
  email: string;
  phone: string;
  website: string | null;
  status: 'approved' | 'pending';
  contact: { name: string; email: string; phone: string };
};

export type SeedPlace = {
  key: string;
  org: string;
  name: string;
  addressLine: string;
  town: string;
  postcode: string;
  nhleListEntry: number | null;
  communityValued: boolean;
  description: string;
};

export type SeedSession = Omit<ActivitySession, 'id' | 'activityId'>;

/** live: checked recently; due: 7–11 months since the last check; expired: over 12 months. */
export type SeedState = 'live' | 'pending' | 'pending_change' | 'due' | 'expired';

export type SeedActivity = {
  key: string;
  area: 'yarmouth' | 'frome' | 'nottingham';
  org: string;
  place: string;
  title: string;
  summary: string;
  description: string;
  types: string[];
  needs: string[];
  access: string[];
  terrain: string | null;
  distanceWalkedM?: number;
  support: string[];
  referral?: string[];
  languages?: string[];
  safeguarding?: string[];
  cost?: { type: CostType; pricePence?: number; note?: string; fundedPlaces?: number };
  months?: number[];
  capacity: number | null;
  groupSizeMax?: number;
  ageMin?: number;
  eligibility?: string;
  firstVisit: string;
  howToJoin: string;
  sessions: SeedSession[];
  state?: SeedState;
  /** Days since the listing was last checked; defaults by state. */
  checkedDaysAgo?: number;
  /** For pending_change: the fields the provider proposes to change. */
  proposed?: { summary?: string; description?: string; capacity?: number };
};

type SessionOpts = { until?: string; note?: string; cancel?: [date: string, reason: string][]; bankHolidays?: BankHolidayRule };

const session = (
  frequency: Frequency,
  weekday: number | null,
  weekOfMonth: number | null,
  startDate: string,
  startTime: string,
  endTime: string,
  o: SessionOpts,
): SeedSession => ({
  frequency,
  weekday,
  weekOfMonth,
  startDate,
  endDate: o.until ?? null,
  startTime,
  endTime,
  note: o.note ?? '',
  bankHolidays: o.bankHolidays ?? DEFAULT_BANK_HOLIDAY_RULE,
  cancellations: (o.cancel ?? []).map(([date, reason]) => ({ date, reason })),
});

/** ISO weekdays, so session definitions read like a timetable. */
export const MON = 1,
  TUE = 2,
  WED = 3,
  THU = 4,
  FRI = 5,
  SAT = 6,
  SUN = 7;

export const weekly = (day: number, start: string, end: string, from: string, o: SessionOpts = {}) => session('weekly', day, null, from, start, end, o);
export const fortnightly = (day: number, start: string, end: string, from: string, o: SessionOpts = {}) =>
  session('fortnightly', day, null, from, start, end, o);
/** nth: 1–4, or -1 for the last such weekday of the month. */
export const monthly = (nth: number, day: number, start: string, end: string, from: string, o: SessionOpts = {}) =>
  session('monthly', day, nth, from, start, end, o);
export const once = (date: string, start: string, end: string, o: SessionOpts = {}) => session('once', isoWeekday(date), null, date, start, end, o);

export const ALL_YEAR = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
export const APRIL_TO_SEPTEMBER = [4, 5, 6, 7, 8, 9];
export const BASIC_SAFEGUARDING = ['safeguarding_policy', 'named_lead', 'insurance'];
