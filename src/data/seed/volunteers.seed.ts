import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import { normalisePhone, normalisePostcode } from '../../domain/contact-details.ts';
import { seededPostcode } from './seed-geography.ts';
import type { BuddyStrand, DbsLevel, VolunteerKind, VolunteerStatus } from '../../domain/volunteer.ts';
import { addDays, addMonths } from '../../domain/calendar-date.ts';
import { londonDate } from '../../domain/schedule.ts';
import { stepsFor } from '../../domain/volunteer-checks.ts';

/**
 * Fictional volunteers of the Nottingham Heritage Buddies pilot (../shared/seeds/003): site-specific
 * buddies at the Nottingham Museums Collective, heritage-informed buddies at a women's centre and a
 * refugee support group, each with its own buddy scheme. The people are invented; the postcodes are real.
 */
const SCHEME = 'Nottingham Heritage Buddies (demo)';

export const COMMUNITY_ORGANISATIONS = [
  {
    key: 'meadows-womens-centre',
    name: 'Meadows Women’s Centre (demo)',
    description:
      'A drop-in, advice and friendship centre for women in the Meadows and Sneinton. Its volunteers go with women to heritage activities anywhere in the city.',
    email: 'hello@meadows-women.example.org',
    buddyScheme: {
      name: 'Women’s Centre Heritage Companions',
      description:
        'Women volunteers who go with a woman to any heritage activity in the city: a museum group, a walk, a craft session. ' +
        'They meet at the Centre or at home first, travel together and stay for the session. Companions speak English, Urdu, Somali and Arabic.',
      areas: 'The Meadows, Sneinton, St Ann’s and the city centre',
      support: ['home_visit_first', 'travel_together', 'first_visits', 'regular_company'],
      languages: ['en', 'ur', 'so', 'ar'],
    },
  },
  {
    key: 'new-neighbours-nottingham',
    name: 'Nottingham New Neighbours (demo)',
    description: 'Welcomes people seeking sanctuary in Nottingham with English conversation, advice and befriending.',
    email: 'team@new-neighbours.example.org',
    buddyScheme: {
      name: 'New Neighbours Heritage Buddies',
      description:
        'Befrienders who help people new to Nottingham discover its history: they travel with them to a museum, a walk or a talk, ' +
        'and stay until they feel at home there. Buddies speak English, Arabic, Farsi and Tigrinya.',
      areas: 'Nottingham city, Hyson Green, Radford and Bulwell',
      support: ['travel_together', 'first_visits', 'phone_check_in'],
      languages: ['en', 'ar', 'fa', 'ti'],
    },
  },
] as const;

type SeedRole = {
  organisation: string;
  name: string;
  kind: VolunteerKind;
  strand: BuddyStrand | null;
  dbs: DbsLevel;
  transport: boolean;
  references: boolean;
  description: string;
};

export const VOLUNTEER_ROLES: SeedRole[] = [
  {
    organisation: 'Nottingham Museums Collective',
    name: 'Museum Buddy',
    kind: 'buddy',
    strand: 'site_specific',
    dbs: 'basic',
    transport: false,
    references: false,
    description: 'Meets a person at the museum door or at the tram stop and goes with them to the Collective’s own sessions.',
  },
  {
    organisation: 'Meadows Women’s Centre (demo)',
    name: 'Heritage Companion',
    kind: 'buddy',
    strand: 'heritage_informed',
    dbs: 'basic',
    transport: false,
    references: true,
    description: 'Goes with a woman to any heritage activity in the city, on foot, by bus or by tram.',
  },
  {
    organisation: 'Nottingham New Neighbours (demo)',
    name: 'Heritage Buddy (driver)',
    kind: 'buddy',
    strand: 'heritage_informed',
    dbs: 'enhanced_barred_adults',
    transport: true,
    references: true,
    description:
      'Drives a person who cannot use public transport because of illness or disability to a heritage activity and stays with them: regulated activity.',
  },
  {
    organisation: 'Nottingham New Neighbours (demo)',
    name: 'Heritage Buddy',
    kind: 'buddy',
    strand: 'heritage_informed',
    dbs: 'basic',
    transport: false,
    references: true,
    description: 'Travels with a person by bus or tram to a heritage activity and stays with them.',
  },
];

type SeedVolunteer = {
  /** The demo login of this volunteer, if they have one. */
  email?: string;
  organisation: string;
  role: string;
  knownAs: string;
  contactPreference: 'email' | 'phone' | 'text';
  contactEmail?: string;
  phone?: string;
  postcode: string;
  travelMiles: number;
  languages: string[];
  availability: string[];
  interests: string[];
  offers: string[];
  drives?: boolean;
  capacity: number;
  gender?: 'woman' | 'man' | 'non_binary';
  emergency: [string, string];
  status: VolunteerStatus;
};

export const SEED_VOLUNTEERS: SeedVolunteer[] = [
  {
    email: 'buddy.nottingham@waymark.example',
    organisation: 'Nottingham Museums Collective',
    role: 'Museum Buddy',
    knownAs: 'Alan',
    contactPreference: 'text',
    phone: '07700 900431',
    postcode: 'NG7 2RD',
    travelMiles: 4,
    languages: ['en'],
    availability: ['tue_morning', 'tue_afternoon', 'thu_afternoon', 'sat_morning'],
    interests: ['object_handling', 'heritage_transport', 'talks_learning'],
    offers: ['first_visits', 'travel_together', 'phone_check_in'],
    capacity: 2,
    gender: 'man',
    emergency: ['Pat Shaw', '07700 900432'],
    status: 'ready',
  },
  {
    organisation: 'Nottingham Museums Collective',
    role: 'Museum Buddy',
    knownAs: 'Harjit',
    contactPreference: 'phone',
    phone: '07700 900433',
    postcode: 'NG3 1AE',
    travelMiles: 3,
    languages: ['en', 'pa'],
    availability: ['wed_morning', 'wed_afternoon', 'fri_morning'],
    interests: ['oral_history', 'creative', 'object_handling'],
    offers: ['first_visits', 'regular_company'],
    capacity: 1,
    gender: 'woman',
    emergency: ['Jas Dhillon', '07700 900434'],
    status: 'ready',
  },
  {
    organisation: 'Meadows Women’s Centre (demo)',
    role: 'Heritage Companion',
    knownAs: 'Amina',
    contactPreference: 'email',
    contactEmail: 'amina.companion@example.org',
    postcode: 'NG2 1AB',
    travelMiles: 3,
    languages: ['en', 'ur', 'so'],
    availability: ['mon_morning', 'thu_morning', 'thu_afternoon'],
    interests: ['crafts', 'creative', 'gardens_green_heritage'],
    offers: ['first_visits', 'regular_company', 'travel_together'],
    capacity: 2,
    gender: 'woman',
    emergency: ['Hodan Ali', '07700 900436'],
    status: 'ready',
  },
  {
    organisation: 'Meadows Women’s Centre (demo)',
    role: 'Heritage Companion',
    knownAs: 'Bev',
    contactPreference: 'phone',
    phone: '07700 900437',
    postcode: 'NG2 6AB',
    travelMiles: 2,
    languages: ['en'],
    availability: ['sat_morning', 'sat_afternoon'],
    interests: ['walk', 'music_song'],
    offers: ['first_visits'],
    capacity: 1,
    gender: 'woman',
    emergency: ['Carl Moss', '07700 900438'],
    status: 'in_recruitment',
  },
  {
    organisation: 'Nottingham New Neighbours (demo)',
    role: 'Heritage Buddy (driver)',
    knownAs: 'Yusuf',
    contactPreference: 'text',
    phone: '07700 900439',
    postcode: 'NG7 4AR',
    travelMiles: 8,
    languages: ['en', 'ar'],
    availability: ['mon_afternoon', 'wed_afternoon', 'fri_afternoon'],
    interests: ['heritage_transport', 'walk', 'talks_learning'],
    offers: ['first_visits', 'travel_together', 'phone_check_in'],
    drives: true,
    capacity: 2,
    gender: 'man',
    emergency: ['Leila Haddad', '07700 900440'],
    status: 'ready',
  },
  {
    organisation: 'Nottingham New Neighbours (demo)',
    role: 'Heritage Buddy',
    knownAs: 'Shirin',
    contactPreference: 'email',
    contactEmail: 'shirin.buddy@example.org',
    postcode: 'NG5 1AD',
    travelMiles: 3,
    languages: ['en', 'fa'],
    availability: ['tue_afternoon', 'sun_afternoon'],
    interests: ['archives_research', 'oral_history'],
    offers: ['regular_company', 'travel_together'],
    capacity: 1,
    gender: 'woman',
    emergency: ['Reza Karimi', '07700 900442'],
    status: 'paused',
  },
];

/** The demo volunteer lead looks after the volunteers of all three Nottingham host organisations. */
export const LEAD_ORGANISATIONS = ['Nottingham Museums Collective', 'Meadows Women’s Centre (demo)', 'Nottingham New Neighbours (demo)'];

/** Needs the schemes, the directory's organisations, the buddy schemes and the demo accounts. */
export async function seedVolunteers(tx: Db, now: Date): Promise<void> {
  const { id: schemeId } = await one<{ id: string }>(tx, 'select id from schemes where name = $1', [SCHEME]);
  for (const o of COMMUNITY_ORGANISATIONS) {
    const { id } = await one<{ id: string }>(
      tx,
      `insert into organisations (name, org_type, kind, scheme_id, description, email, status, created_at, updated_at)
       values ($1, 'vcfse', 'community', $2, $3, $4, 'approved', $5, $5) returning id`,
      [o.name, schemeId, o.description, o.email, now],
    );
    const b = o.buddyScheme;
    await tx.query(
      `insert into buddy_schemes (scheme_id, organisation_id, name, description, areas, support, languages, active, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, true, $8, $8)`,
      [schemeId, id, b.name, b.description, b.areas, [...b.support], [...b.languages], now],
    );
  }
  const orgId = async (name: string) => (await one<{ id: string }>(tx, 'select id from organisations where name = $1', [name])).id;
  const roleIds = new Map<string, string>();
  for (const r of VOLUNTEER_ROLES) {
    const { id } = await one<{ id: string }>(
      tx,
      `insert into volunteer_roles (organisation_id, name, kind, strand, description, dbs_eligibility, includes_transport, references_required, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [await orgId(r.organisation), r.name, r.kind, r.strand, r.description, r.dbs, r.transport, r.references, now],
    );
    roleIds.set(`${r.organisation}|${r.name}`, id);
  }
  for (const v of SEED_VOLUNTEERS) {
    const organisationId = await orgId(v.organisation);
    const buddyScheme = await maybeOne<{ id: string }>(tx, 'select id from buddy_schemes where organisation_id = $1 order by name limit 1', [organisationId]);
    const user = v.email ? await one<{ id: string }>(tx, 'select id from users where email = $1', [v.email]) : undefined;
    const postcode = normalisePostcode(v.postcode);
    const position = seededPostcode(v.postcode);
    await tx.query(
      `insert into volunteers (user_id, organisation_id, scheme_id, volunteer_role_id, buddy_scheme_id, known_as, contact_preference, email, phone,
         postcode, easting, northing, travel_miles, languages, availability, interests, offers, drives, capacity, gender,
         emergency_contact_name, emergency_contact_phone, status, status_changed_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24, $24)`,
      [
        user?.id ?? null,
        organisationId,
        schemeId,
        roleIds.get(`${v.organisation}|${v.role}`),
        buddyScheme?.id ?? null,
        v.knownAs,
        v.contactPreference,
        v.contactEmail ?? (v.email && v.contactPreference === 'email' ? v.email : null),
        v.phone ? (normalisePhone(v.phone) ?? v.phone) : null,
        postcode,
        position.easting,
        position.northing,
        v.travelMiles,
        v.languages,
        v.availability,
        v.interests,
        v.offers,
        v.drives ?? false,
        v.capacity,
        v.gender ?? null,
        v.emergency[0],
        normalisePhone(v.emergency[1]) ?? v.emergency[1],
        v.status,
        now,
      ],
    );
  }
  const lead = await one<{ id: string }>(tx, "select id from users where email = 'volunteers.nottingham@waymark.example'");
  for (const name of LEAD_ORGANISATIONS) {
    await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3) on conflict do nothing', [
      lead.id,
      await orgId(name),
      now,
    ]);
  }
  const buddy = await one<{ id: string }>(tx, "select id from users where email = 'buddy.nottingham@waymark.example'");
  await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3) on conflict do nothing', [
    buddy.id,
    await orgId('Nottingham Museums Collective'),
    now,
  ]);
  await seedVolunteerRecruitment(tx, now);
}

/** Which training and checks each role needs (codes of volunteer_check_types, migration 131). */
export const ROLE_REQUIREMENTS: Record<string, string[]> = {
  'Museum Buddy': ['heritage_wellbeing', 'safeguarding_adults', 'dbs_basic'],
  'Heritage Companion': ['heritage_wellbeing', 'safeguarding_adults', 'lone_working', 'dbs_basic'],
  'Heritage Buddy (driver)': ['heritage_wellbeing', 'safeguarding_adults', 'lone_working', 'dbs_enhanced_barred_adults', 'driving_licence', 'car_insurance'],
  'Heritage Buddy': ['heritage_wellbeing', 'safeguarding_adults', 'mental_health_awareness', 'dbs_basic'],
};

/**
 * Training and check records, as days before the seed's today (done) and after it (expires; negative:
 * expired; null: the type's usual period, or never). Some expire within 60 days, for the reminders;
 * Yusuf's driving licence check has expired, so he cannot be matched.
 */
type SeedCheck = [code: string, doneDaysAgo: number, expiresInDays: number | null, reference?: string];
export const SEED_CHECKS: Record<string, SeedCheck[]> = {
  Alan: [
    ['heritage_wellbeing', 200, null],
    ['safeguarding_adults', 400, 695],
    ['dbs_basic', 690, 40, 'B00123456789'],
  ],
  Harjit: [
    ['heritage_wellbeing', 150, null],
    ['safeguarding_adults', 1075, 20],
    ['dbs_basic', 150, 580, 'B00198765432'],
  ],
  Amina: [
    ['heritage_wellbeing', 300, null],
    ['safeguarding_adults', 300, 795],
    ['lone_working', 1090, 5],
    ['dbs_basic', 300, 430, 'B00155511122'],
  ],
  Bev: [['heritage_wellbeing', 12, null]],
  Yusuf: [
    ['heritage_wellbeing', 500, null],
    ['safeguarding_adults', 500, 595],
    ['lone_working', 500, 595],
    ['dbs_enhanced_barred_adults', 500, 230, '001234567890'],
    ['driving_licence', 375, -10, 'HADDA751234Y99XY'],
    ['car_insurance', 100, 265, 'POL-88231'],
  ],
  Shirin: [
    ['heritage_wellbeing', 250, null],
    ['safeguarding_adults', 250, 845],
    ['mental_health_awareness', 250, 845],
    ['dbs_basic', 250, 480, 'B00177788899'],
  ],
};

/** Two people who sent the "Volunteer with us" form: one new, one the lead has talked to. */
export const SEED_INTERESTS = [
  {
    role: 'Museum Buddy',
    organisation: 'Nottingham Museums Collective',
    knownAs: 'Dev',
    contactPreference: 'email' as const,
    email: 'dev.offers.help@example.org',
    phone: null,
    postcode: 'NG5',
    about: 'Retired engineer; I love the industrial history galleries and would like to help someone get out.',
    sentDaysAgo: 3,
    conversationDaysAgo: null,
  },
  {
    role: 'Heritage Companion',
    organisation: 'Meadows Women’s Centre (demo)',
    knownAs: 'Grace',
    contactPreference: 'phone' as const,
    email: null,
    phone: '07700 900451',
    postcode: 'NG2 2JS',
    about: 'I come to the Centre on Thursdays and would like to go with women to the museum groups.',
    sentDaysAgo: 9,
    conversationDaysAgo: 2,
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Recruitment steps, training and checks, role requirements and expressions of interest (issue 9 part A). */
export async function seedVolunteerRecruitment(tx: Db, now: Date): Promise<void> {
  const today = londonDate(now);
  const types = new Map(
    (await tx.query<{ id: string; code: string; valid_months: number | null }>('select id, code, valid_months from volunteer_check_types')).map((t) => [
      t.code,
      t,
    ]),
  );
  const lead = await one<{ id: string }>(tx, "select id from users where email = 'volunteers.nottingham@waymark.example'");
  const roles = await tx.query<{ id: string; name: string; references_required: boolean }>(
    `select r.id, r.name, r.references_required from volunteer_roles r join organisations o on o.id = r.organisation_id where o.name = any($1)`,
    [LEAD_ORGANISATIONS],
  );
  for (const r of roles) {
    for (const code of ROLE_REQUIREMENTS[r.name] ?? []) {
      await tx.query('insert into volunteer_role_requirements (volunteer_role_id, check_type_id) values ($1, $2)', [r.id, types.get(code)!.id]);
    }
  }
  const volunteers = await tx.query<{ id: string; known_as: string; status: string; references_required: boolean }>(
    `select v.id, v.known_as, v.status, r.references_required from volunteers v join volunteer_roles r on r.id = v.volunteer_role_id
      where v.organisation_id in (select id from organisations where name = any($1))`,
    [LEAD_ORGANISATIONS],
  );
  for (const v of volunteers) {
    for (const [code, doneDaysAgo, expiresInDays, reference] of SEED_CHECKS[v.known_as] ?? []) {
      const type = types.get(code)!;
      const doneOn = addDays(today, -doneDaysAgo);
      const expiresOn = expiresInDays !== null ? addDays(today, expiresInDays) : type.valid_months ? addMonths(doneOn, type.valid_months) : null;
      await tx.query(
        `insert into volunteer_checks (volunteer_id, check_type_id, done_on, expires_on, reference, checked_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)`,
        [v.id, type.id, doneOn, expiresOn, reference ?? null, lead.id, now],
      );
    }
    // Ready (or paused after being ready): every step; still in recruitment (Bev): the first ones.
    const steps = stepsFor({ referencesRequired: v.references_required });
    const done = v.status === 'in_recruitment' ? steps.filter((s) => s === 'conversation' || s === 'references') : steps;
    for (const [i, step] of done.entries()) {
      const doneOn = addDays(today, v.status === 'in_recruitment' ? -20 + i * 5 : -560 + i * 14);
      await tx.query('insert into volunteer_recruitment_steps (volunteer_id, step, done_on, recorded_by, created_at) values ($1, $2, $3, $4, $5)', [
        v.id,
        step,
        doneOn,
        lead.id,
        now,
      ]);
    }
    // Yusuf's enhanced certificate is on the Update Service: checked three months ago, no change.
    if (v.known_as === 'Yusuf') {
      await tx.query(
        `insert into volunteer_dbs_status_checks (volunteer_id, checked_on, consent_on, result, checked_by, created_at) values ($1, $2, $3, 'no_change', $4, $5)`,
        [v.id, addDays(today, -90), addDays(today, -92), lead.id, now],
      );
    }
  }
  for (const i of SEED_INTERESTS) {
    const role = await one<{ id: string; organisation_id: string }>(
      tx,
      'select r.id, r.organisation_id from volunteer_roles r join organisations o on o.id = r.organisation_id where r.name = $1 and o.name = $2',
      [i.role, i.organisation],
    );
    const sentAt = new Date(now.getTime() - i.sentDaysAgo * DAY_MS);
    await tx.query(
      `insert into volunteer_interests (organisation_id, volunteer_role_id, known_as, contact_preference, email, phone, postcode, about, consented_at,
         conversation_on, conversation_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9)`,
      [
        role.organisation_id,
        role.id,
        i.knownAs,
        i.contactPreference,
        i.email,
        i.phone ? normalisePhone(i.phone) : null,
        normalisePostcode(i.postcode),
        i.about,
        sentAt,
        i.conversationDaysAgo === null ? null : addDays(today, -i.conversationDaysAgo),
        i.conversationDaysAgo === null ? null : lead.id,
      ],
    );
  }
}
