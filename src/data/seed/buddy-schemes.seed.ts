import type { Db } from '../database.ts';
import { one } from '../database.ts';

/**
 * Fictional buddy schemes, one active in each pilot area and one paused, each run by a demo heritage
 * organisation of that area. The names and volunteers are invented; the towns are real.
 */
type SeedBuddyScheme = {
  scheme: string;
  organisation: string;
  name: string;
  description: string;
  areas: string;
  support: string[];
  languages: string[];
  active: boolean;
};

export const SEED_BUDDY_SCHEMES: SeedBuddyScheme[] = [
  {
    scheme: 'Heritage for Wellbeing (demo)',
    organisation: 'Yarmouth Heritage Trust',
    name: 'Yarmouth Heritage Buddies',
    description:
      'Volunteers from the Trust, trained in listening and safeguarding and DBS-checked, who go with someone to their first ' +
      'few heritage sessions. A buddy meets the person at home first, for a cup of tea and a chat about what they would like to try, ' +
      'then walks or takes the bus there with them and stays for the session. Most people go on their own after three or four visits; ' +
      'the buddy rings before and after each one until then.',
    areas: 'Great Yarmouth, Gorleston, Caister and Bradwell',
    support: ['home_visit_first', 'travel_together', 'first_visits', 'phone_check_in'],
    languages: ['en', 'pt', 'pl'],
    active: true,
  },
  {
    scheme: 'Heritage for Wellbeing (demo)',
    organisation: 'Waveney Memory Café Network',
    name: 'Waveney Memory Café Companions',
    description:
      'Companions who sit with a person living with memory loss, or the person caring for them, at a reminiscence café ' +
      'until the group feels familiar. All companions are DBS-checked and have dementia awareness training. Paused while new ' +
      'volunteers are trained; it takes referrals again in the spring.',
    areas: 'Lowestoft, Beccles and Bungay',
    support: ['regular_company', 'first_visits'],
    languages: ['en'],
    active: false,
  },
  {
    scheme: 'Frome Heritage Connectors (demo)',
    organisation: 'Frome History Society',
    name: 'Frome Walking Companions',
    description:
      'Society members who go with someone to a history talk, a town walk or the museum’s research room until they feel ' +
      'at home there. Every companion is DBS-checked and trained by the Society. They meet the person at home or in a café first, ' +
      'walk there together, and go along to the first few sessions.',
    areas: 'Frome, Beckington, Nunney and Rode',
    support: ['home_visit_first', 'travel_together', 'first_visits'],
    languages: ['en'],
    active: true,
  },
  {
    scheme: 'Nottingham Heritage Buddies (demo)',
    organisation: 'Nottingham Museums Collective',
    name: 'Museum Buddies Nottingham',
    description:
      'Trained, DBS-checked volunteers who help people who have not been to a museum in years, or ever, to feel welcome. ' +
      'A buddy meets the person at home first, travels with them on the tram or bus, and goes to the first few sessions with them. ' +
      'Buddies speak English, Punjabi and Urdu, and ring before each visit.',
    areas: 'Nottingham city centre, Sneinton, Hyson Green, Radford and Bulwell',
    support: ['home_visit_first', 'travel_together', 'first_visits', 'phone_check_in'],
    languages: ['en', 'pa', 'ur'],
    active: true,
  },
];

/** Needs the schemes and their heritage organisations. */
export async function seedBuddySchemes(tx: Db, now: Date): Promise<void> {
  for (const b of SEED_BUDDY_SCHEMES) {
    const { id: schemeId } = await one<{ id: string }>(tx, 'select id from schemes where name = $1', [b.scheme]);
    const { id: organisationId } = await one<{ id: string }>(tx, 'select id from organisations where name = $1 and scheme_id = $2', [b.organisation, schemeId]);
    await tx.query(
      `insert into buddy_schemes (scheme_id, organisation_id, name, description, areas, support, languages, active, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [schemeId, organisationId, b.name, b.description, b.areas, b.support, b.languages, b.active, now],
    );
  }
}
