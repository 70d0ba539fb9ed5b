/**
 * Waymark's controlled vocabularies. Codes are stored; labels are shown.
 * Each vocabulary is published as an ORUK taxonomy (see api/oruk).
 */
export type Term = { readonly code: string; readonly label: string; readonly hint?: string };

export const terms = <T extends readonly Term[]>(list: T) => list;

export const ORGANISATION_TYPES = terms([
  { code: 'national_body', label: 'National heritage body' },
  { code: 'regional_trust', label: 'Regional trust' },
  { code: 'local_museum', label: 'Local museum' },
  { code: 'archive', label: 'Archive or record office' },
  { code: 'club', label: 'Club or society' },
  { code: 'place_of_worship', label: 'Place of worship' },
  { code: 'historic_house', label: 'Historic house' },
  { code: 'cic', label: 'Community interest company (CIC)' },
  { code: 'heritage_trust', label: 'Heritage or archaeology trust' },
  { code: 'vcfse', label: 'Voluntary, community or social enterprise (VCFSE)' },
  { code: 'other', label: 'Other' },
] as const);

export const ACTIVITY_TYPES = terms([
  { code: 'walk', label: 'Heritage walk' },
  { code: 'guided_tour', label: 'Guided tour' },
  { code: 'memory_cafe', label: 'Memory café or reminiscence' },
  { code: 'oral_history', label: 'Oral history' },
  { code: 'community_archaeology', label: 'Community archaeology' },
  { code: 'object_handling', label: 'Museum object handling' },
  { code: 'archives_research', label: 'Archives and local history research' },
  { code: 'creative', label: 'Creative (art, photography, writing)' },
  { code: 'crafts', label: 'Crafts and traditional skills' },
  { code: 'conservation_volunteering', label: 'Conservation and restoration volunteering' },
  { code: 'gardens_green_heritage', label: 'Historic gardens and green heritage' },
  { code: 'heritage_transport', label: 'Heritage transport' },
  { code: 'places_of_worship', label: 'Places of worship' },
  { code: 'music_song', label: 'Music and song' },
  { code: 'talks_learning', label: 'Talks and learning' },
] as const);

export const NEEDS = terms([
  { code: 'loneliness', label: 'Loneliness and isolation' },
  { code: 'low_mood', label: 'Low mood' },
  { code: 'anxiety', label: 'Anxiety' },
  { code: 'dementia', label: 'Dementia and memory' },
  { code: 'carers', label: 'Carers' },
  { code: 'physical_activity', label: 'Physical activity and mobility' },
  { code: 'confidence', label: 'Confidence' },
  { code: 'learning_disability', label: 'Learning disability' },
  { code: 'long_term_condition', label: 'Long-term conditions' },
  { code: 'bereavement', label: 'Bereavement' },
] as const);

export const ACCESS_FEATURES = terms([
  { code: 'step_free', label: 'Step-free access' },
  { code: 'accessible_toilet', label: 'Accessible toilet' },
  { code: 'seating', label: 'Seating available' },
  { code: 'parking', label: 'Parking nearby' },
  { code: 'blue_badge_parking', label: 'Blue Badge parking' },
  { code: 'public_transport', label: 'Near public transport' },
  { code: 'hearing_loop', label: 'Hearing loop' },
  { code: 'bsl', label: 'British Sign Language' },
  { code: 'large_print', label: 'Large print materials' },
  { code: 'quiet_space', label: 'Quiet space' },
  { code: 'dementia_friendly', label: 'Dementia-friendly' },
  { code: 'assistance_dogs', label: 'Assistance dogs welcome' },
] as const);

export const TERRAINS = terms([
  { code: 'indoors', label: 'Indoors' },
  { code: 'level_paved', label: 'Level, paved paths' },
  { code: 'uneven', label: 'Uneven ground or grass' },
  { code: 'hilly', label: 'Hills or steps' },
  { code: 'mixed', label: 'Mixed' },
] as const);

export const SUPPORT = terms([
  { code: 'buddy_welcome', label: 'Buddy welcome' },
  { code: 'transport_help', label: 'Help with transport' },
  { code: 'taster_session', label: 'Taster session' },
  { code: 'carer_free', label: 'Carer comes free' },
  { code: 'refreshments', label: 'Refreshments provided' },
  { code: 'meet_beforehand', label: 'Can meet the leader beforehand' },
] as const);

export const REFERRAL_ROUTES = terms([
  { code: 'link_worker', label: 'Link worker referral' },
  { code: 'self', label: 'Self-referral' },
  { code: 'community_connector', label: 'Community connector' },
  { code: 'with_buddy', label: 'With a buddy' },
] as const);

export const SAFEGUARDING = terms([
  { code: 'safeguarding_policy', label: 'Safeguarding policy in place' },
  { code: 'named_lead', label: 'Named safeguarding lead' },
  { code: 'dbs_checked', label: 'Leaders DBS checked' },
  { code: 'first_aid', label: 'First aider present' },
  { code: 'mental_health_first_aid', label: 'Mental health first aid trained' },
  { code: 'dementia_friends', label: 'Dementia Friends trained' },
  { code: 'insurance', label: 'Public liability insurance' },
] as const);

/** ISO 639-1 codes for the languages most often offered; English is the default. */
export const LANGUAGES = terms([
  { code: 'en', label: 'English' },
  { code: 'bsl', label: 'British Sign Language' },
  { code: 'pl', label: 'Polish' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'lt', label: 'Lithuanian' },
  { code: 'ro', label: 'Romanian' },
  { code: 'pa', label: 'Punjabi' },
  { code: 'ur', label: 'Urdu' },
  { code: 'bn', label: 'Bengali' },
  { code: 'ar', label: 'Arabic' },
  { code: 'cy', label: 'Welsh' },
  { code: 'so', label: 'Somali' },
  { code: 'fa', label: 'Farsi' },
  { code: 'ti', label: 'Tigrinya' },
] as const);

export const COST_TYPES = terms([
  { code: 'free', label: 'Free' },
  { code: 'free_for_referred', label: 'Free for referred people' },
  { code: 'paid', label: 'Paid' },
] as const);

export const TIMES_OF_DAY = terms([
  { code: 'morning', label: 'Morning (before 12pm)' },
  { code: 'afternoon', label: 'Afternoon (12pm to 5pm)' },
  { code: 'evening', label: 'Evening (after 5pm)' },
] as const);

export const WEEKDAYS = terms([
  { code: '1', label: 'Monday' },
  { code: '2', label: 'Tuesday' },
  { code: '3', label: 'Wednesday' },
  { code: '4', label: 'Thursday' },
  { code: '5', label: 'Friday' },
  { code: '6', label: 'Saturday' },
  { code: '7', label: 'Sunday' },
] as const);

export const MONTHS = terms(
  ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map((label, i) => ({
    code: String(i + 1),
    label,
  })),
);

export type Vocabulary = {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly terms: readonly Term[];
};

/** The vocabularies published as ORUK taxonomies, in a stable order. */
export const VOCABULARIES: readonly Vocabulary[] = [
  { id: 'activity_types', name: 'Heritage activity types', description: 'What happens at a heritage wellbeing activity.', terms: ACTIVITY_TYPES },
  { id: 'needs', name: 'Wellbeing needs', description: 'Who an activity suits: the needs it is designed for.', terms: NEEDS },
  { id: 'access', name: 'Access features', description: 'Access facts about the activity and its place.', terms: ACCESS_FEATURES },
  { id: 'support', name: 'Support offered', description: 'Help offered to people joining.', terms: SUPPORT },
  { id: 'referral_routes', name: 'Referral routes accepted', description: 'How people can join.', terms: REFERRAL_ROUTES },
  { id: 'safeguarding', name: 'Safeguarding and training', description: 'Safeguarding and training in place.', terms: SAFEGUARDING },
  { id: 'organisation_types', name: 'Heritage organisation types', description: 'Kinds of heritage organisation.', terms: ORGANISATION_TYPES },
];

export function codesOf(list: readonly Term[]): string[] {
  return list.map((t) => t.code);
}

export function labelOf(list: readonly Term[], code: string): string {
  return list.find((t) => t.code === code)?.label ?? code;
}

export function labelsOf(list: readonly Term[], codes: readonly string[]): string[] {
  return codes.map((c) => labelOf(list, c));
}
