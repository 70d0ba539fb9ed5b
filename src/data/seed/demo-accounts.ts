import type { Role } from '../../domain/user.ts';

/** Fictional demo logins, printed at start-up and listed in the README. Never used outside demo data. */
export const DEMO_PASSWORD = 'waymark-demo-2026';

/**
 * The demo administrator signs in with two-factor like every administrator: add this key to an
 * authenticator app (time-based, 6 digits, 30 seconds). Printed at start-up; demo data only.
 */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPWAYMARKDEMOTWOFA';

/**
 * The demo referring system's API token (decision 051, addendum): issued in the demo data to Harbour
 * Lane Surgery, a fictional GP practice, so the FHIR endpoint can be tried with curl (README). Published,
 * so never a secret: it exists only where the demo data was seeded, stored as its hash like any token.
 */
export const DEMO_API_TOKEN = 'wm_demo-Harbour-Lane-Surgery-not-a-secret-2026';

/** schemeKey: the social prescribing scheme (area) a link worker, connector or coordinator works in. */
export type DemoAccount = { email: string; displayName: string; role: Role; organisationKey?: string; schemeKey?: SchemeKey };

export type SchemeKey = 'yarmouth-waveney' | 'frome' | 'nottingham';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'coordinator@waymark.example', displayName: 'Priya Shah', role: 'coordinator', schemeKey: 'yarmouth-waveney' },
  { email: 'coordinator.frome@waymark.example', displayName: 'Helen Marsh', role: 'coordinator', schemeKey: 'frome' },
  { email: 'coordinator.nottingham@waymark.example', displayName: 'Imran Qureshi', role: 'coordinator', schemeKey: 'nottingham' },
  {
    email: 'linkworker.yarmouth@waymark.example',
    displayName: 'Rosie Clarke',
    role: 'link_worker',
    schemeKey: 'yarmouth-waveney',
    organisationKey: 'yarmouth-waveney-social-prescribing',
  },
  {
    email: 'linkworker.frome@waymark.example',
    displayName: 'Dan Pearce',
    role: 'link_worker',
    schemeKey: 'frome',
    organisationKey: 'frome-valley-social-prescribing',
  },
  {
    email: 'linkworker.nottingham@waymark.example',
    displayName: 'Grace Adeyemi',
    role: 'link_worker',
    schemeKey: 'nottingham',
    organisationKey: 'nottingham-city-link-workers',
  },
  { email: 'connector.yarmouth@waymark.example', displayName: 'Bill Hewitt', role: 'connector', schemeKey: 'yarmouth-waveney' },
  { email: 'connector.frome@waymark.example', displayName: 'Mary Keats', role: 'connector', schemeKey: 'frome' },
  { email: 'connector.nottingham@waymark.example', displayName: 'Sunita Patel', role: 'connector', schemeKey: 'nottingham' },
  { email: 'admin@waymark.example', displayName: 'Tom Okafor', role: 'admin' },
  { email: 'commissioner@waymark.example', displayName: 'Ruth Ellery', role: 'commissioner' },
  { email: 'provider.yarmouth@waymark.example', displayName: 'Jo Barker', role: 'provider', organisationKey: 'yarmouth-heritage-trust' },
  { email: 'provider.frome@waymark.example', displayName: 'Sam Whitlock', role: 'provider', organisationKey: 'frome-history-society' },
  { email: 'provider.nottingham@waymark.example', displayName: 'Ade Mensah', role: 'provider', organisationKey: 'nottingham-museums-collective' },
  { email: 'provider.gorleston@waymark.example', displayName: 'Len Mayhew', role: 'provider', organisationKey: 'gorleston-heritage-singers' },
  // Volunteers (issue 9): memberships and volunteer records come from volunteers.seed.ts.
  { email: 'buddy.nottingham@waymark.example', displayName: 'Alan Shaw', role: 'buddy', schemeKey: 'nottingham' },
  { email: 'volunteers.nottingham@waymark.example', displayName: 'Nadia Rahman', role: 'volunteer_lead', schemeKey: 'nottingham' },
  // Heritage Connectors in Frome (decision 029): their signposting and shifts come from signposting.seed.ts.
  { email: 'connector2.frome@waymark.example', displayName: 'Ted Haskins', role: 'connector', schemeKey: 'frome' },
  { email: 'connector3.frome@waymark.example', displayName: 'Priya Lal', role: 'connector', schemeKey: 'frome' },
  // A member of the public who adds community heritage (decision 042): her places and memories come from contributions.seed.ts.
  { email: 'contributor.yarmouth@waymark.example', displayName: 'Maureen Cole', role: 'contributor' },
];
