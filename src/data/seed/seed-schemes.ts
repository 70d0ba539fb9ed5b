import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { createSchemeAreaRepository } from '../repositories/scheme-area.repository.ts';
import type { SchemeKey } from './demo-accounts.ts';

/**
 * The three pilot areas' schemes (names fictional), each with the postcode districts its coordinators
 * moderate (the same as migration 096 gives older databases), and the referrer teams link workers belong to.
 */
export const SCHEMES: { key: SchemeKey; name: string; area: string; outcodes: string[]; localAuthorities: string[] }[] = [
  {
    key: 'yarmouth-waveney',
    name: 'Heritage for Wellbeing (demo)',
    area: 'Great Yarmouth and Waveney',
    outcodes: ['NR29', 'NR30', 'NR31', 'NR32', 'NR33', 'NR34', 'NR35', 'IP18'],
    localAuthorities: ['E07000145', 'E07000244'], // Great Yarmouth; East Suffolk (which holds Waveney)
  },
  // Frome is a town in Somerset: insight draws it from its postcode district (decision 044).
  { key: 'frome', name: 'Frome Heritage Connectors (demo)', area: 'Frome', outcodes: ['BA11'], localAuthorities: [] },
  {
    key: 'nottingham',
    name: 'Nottingham Heritage Buddies (demo)',
    area: 'Nottingham',
    outcodes: ['NG1', 'NG2', 'NG3', 'NG4', 'NG5', 'NG6', 'NG7', 'NG8', 'NG9', 'NG11', 'NG15'],
    localAuthorities: ['E06000018'],
  },
];

export const REFERRER_ORGANISATIONS: { key: string; scheme: SchemeKey; name: string; shareCaseload: boolean; email: string }[] = [
  {
    key: 'yarmouth-waveney-social-prescribing',
    scheme: 'yarmouth-waveney',
    name: 'East Coast Social Prescribing Team',
    shareCaseload: true,
    email: 'team@eastcoast-sp.example.org',
  },
  {
    key: 'frome-valley-social-prescribing',
    scheme: 'frome',
    name: 'Frome Valley Social Prescribing',
    shareCaseload: false,
    email: 'hello@fromevalley-sp.example.org',
  },
  {
    key: 'nottingham-city-link-workers',
    scheme: 'nottingham',
    name: 'Nottingham City Link Worker Service',
    shareCaseload: true,
    email: 'linkworkers@nottingham-sp.example.org',
  },
];

/** Which scheme each demo heritage organisation works with. */
const PROVIDER_SCHEME: Record<string, SchemeKey> = {
  'yarmouth-heritage-trust': 'yarmouth-waveney',
  'waveney-memory-cafes': 'yarmouth-waveney',
  'east-coast-archaeology': 'yarmouth-waveney',
  'friends-of-yarmouth-minster': 'yarmouth-waveney',
  'elizabethan-house-friends': 'yarmouth-waveney',
  'gorleston-heritage-singers': 'yarmouth-waveney',
  'frome-history-society': 'frome',
  'selwood-crafts-guild': 'frome',
  'mendip-selwood-landscape-trust': 'frome',
  'nottingham-museums-collective': 'nottingham',
  'lace-market-voices': 'nottingham',
  'trent-heritage-transport': 'nottingham',
  'friends-of-nottinghamshire-archives': 'nottingham',
};

/** Creates schemes and referrer organisations; links provider organisations (by name) to their scheme. */
export async function seedSchemes(tx: Db, providerOrgIdsByKey: Map<string, string>, now: Date) {
  const schemeIds = new Map<SchemeKey, string>();
  for (const s of SCHEMES) {
    const row = await one<{ id: string }>(tx, 'insert into schemes (name, area, created_at) values ($1, $2, $3) returning id', [s.name, s.area, now]);
    await createSchemeAreaRepository(tx).setOutcodes(row.id, s.outcodes);
    await tx.query('insert into scheme_local_authorities (scheme_id, lad_code) select $1, unnest($2::text[])', [row.id, s.localAuthorities]);
    schemeIds.set(s.key, row.id);
  }
  const referrerOrgIds = new Map<string, string>();
  for (const o of REFERRER_ORGANISATIONS) {
    const row = await one<{ id: string }>(
      tx,
      `insert into organisations (name, org_type, kind, scheme_id, share_caseload, description, email, status, created_at, updated_at)
       values ($1, 'vcfse', 'referrer', $2, $3, 'Social prescribing link workers (fictional demo team).', $4, 'approved', $5, $5) returning id`,
      [o.name, schemeIds.get(o.scheme), o.shareCaseload, o.email, now],
    );
    referrerOrgIds.set(o.key, row.id);
  }
  for (const [key, scheme] of Object.entries(PROVIDER_SCHEME)) {
    const id = providerOrgIdsByKey.get(key);
    if (id) await tx.query('update organisations set scheme_id = $2 where id = $1', [id, schemeIds.get(scheme)]);
  }
  return { schemeIds, referrerOrgIds };
}
