import { terms } from './vocabulary.ts';

/**
 * Volunteers (issue 9): Heritage Buddies go with a person to activities; Heritage Connectors
 * signpost at the information points (website help, the phone line, the Heritage Café). Each belongs
 * to a host organisation and a scheme; a volunteer lead at the host organisation looks after them.
 */
export type VolunteerKind = 'buddy' | 'connector';

/** Site-specific buddies go only to their host heritage organisation's activities; heritage-informed ones to any. */
export type BuddyStrand = 'site_specific' | 'heritage_informed';

export type VolunteerStatus = 'in_recruitment' | 'ready' | 'paused' | 'stopped';

export type DbsLevel = 'none' | 'basic' | 'standard' | 'enhanced' | 'enhanced_barred_adults';

export type VolunteerRole = {
  id: string;
  organisationId: string;
  name: string;
  kind: VolunteerKind;
  strand: BuddyStrand | null;
  description: string;
  dbsEligibility: DbsLevel;
  includesTransport: boolean;
  referencesRequired: boolean;
};

export type Volunteer = {
  id: string;
  userId: string | null;
  organisationId: string;
  organisationName: string;
  schemeId: string;
  volunteerRoleId: string;
  roleName: string;
  kind: VolunteerKind;
  strand: BuddyStrand | null;
  buddySchemeId: string | null;
  knownAs: string;
  contactPreference: 'email' | 'phone' | 'text';
  email: string | null;
  phone: string | null;
  /** For distance only; never shown to participants. */
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  travelMiles: number;
  languages: string[];
  availability: string[];
  interests: string[];
  offers: string[];
  drives: boolean;
  capacity: number;
  gender: 'woman' | 'man' | 'non_binary' | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  status: VolunteerStatus;
  statusChangedAt: Date;
};

export const BUDDY_STRANDS = terms([
  { code: 'site_specific', label: 'Site-specific', hint: 'Volunteers at a heritage organisation, who go with people to its own activities' },
  { code: 'heritage_informed', label: 'Heritage-informed', hint: 'Volunteers at a befriending or community organisation, who go with people to any activity' },
] as const);

export const VOLUNTEER_STATUSES = terms([
  { code: 'in_recruitment', label: 'Getting ready' },
  { code: 'ready', label: 'Ready to volunteer' },
  { code: 'paused', label: 'Taking a break' },
  { code: 'stopped', label: 'Stopped volunteering' },
] as const);

/** What a buddy can offer; the codes match the buddy schemes' BUDDY_SUPPORT where they overlap. */
export const VOLUNTEER_OFFERS = terms([
  { code: 'first_visits', label: 'Going with someone to their first visits' },
  { code: 'regular_company', label: 'Regular company at an activity' },
  { code: 'travel_together', label: 'Travelling there together' },
  { code: 'phone_check_in', label: 'Phone check-ins before and after' },
] as const);

export const DBS_LEVELS = terms([
  { code: 'none', label: 'No DBS check' },
  { code: 'basic', label: 'Basic DBS check' },
  { code: 'standard', label: 'Standard DBS check' },
  { code: 'enhanced', label: 'Enhanced DBS check' },
  { code: 'enhanced_barred_adults', label: "Enhanced DBS check with the adults' barred list" },
] as const);

export const WEEKDAYS = terms([
  { code: 'mon', label: 'Monday' },
  { code: 'tue', label: 'Tuesday' },
  { code: 'wed', label: 'Wednesday' },
  { code: 'thu', label: 'Thursday' },
  { code: 'fri', label: 'Friday' },
  { code: 'sat', label: 'Saturday' },
  { code: 'sun', label: 'Sunday' },
] as const);

export const PARTS_OF_DAY = terms([
  { code: 'morning', label: 'Morning', hint: 'before 12:00' },
  { code: 'afternoon', label: 'Afternoon', hint: '12:00 to 17:00' },
  { code: 'evening', label: 'Evening', hint: 'after 17:00' },
] as const);

/** An availability slot such as 'mon_morning'. */
export const availabilitySlot = (day: string, part: string) => `${day}_${part}`;

/** The part of the day a time of day ('HH:MM', London time) falls in. */
export function partOfDay(time: string): 'morning' | 'afternoon' | 'evening' {
  const hour = Number(time.slice(0, 2));
  if (hour < 12) return 'morning';
  return hour < 17 ? 'afternoon' : 'evening';
}

/** Only ready volunteers can be offered to people; the others say why. */
export const isAvailableToMatch = (v: Pick<Volunteer, 'status'>) => v.status === 'ready';
