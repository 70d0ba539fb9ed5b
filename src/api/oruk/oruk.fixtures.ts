import type { Db } from '../../data/database.ts';
import { refreshActivityIndex } from '../../data/repositories/activity-index.repository.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeSession, YARMOUTH } from '../../../test/factories.ts';
import { TEST_NOW } from '../../../test/test-app.ts';

/** Fictional directory for the ORUK tests: public listings with every session pattern, and listings that must stay hidden. */
export const NORWICH = { easting: 623000, northing: 308500 }; // ~30 km west of the Yarmouth places

export async function seedOrukDirectory(db: Db) {
  await makePostcode(db, 'NR30 1AA', YARMOUTH);
  await makePostcode(db, 'NR2 1AA', NORWICH);
  const trust = await makeOrganisation(db, { name: 'Yarmouth Minster Heritage Trust', orgType: 'heritage_trust' });
  await db.query(`update organisations set website = 'www.minster-trust.example.org', phone = '01493 000000' where id = $1`, [trust]);
  const minster = await makePlace(db, trust, { name: 'Minster Church Hall', nhleListEntry: 1096743 });
  const rows = await makePlace(db, trust, { name: 'Row Houses', easting: YARMOUTH.easting + 400, northing: YARMOUTH.northing - 300 });
  const museum = await makeOrganisation(db, { name: 'Norwich Memories Museum', orgType: 'local_museum' });
  const norwich = await makePlace(db, museum, { name: 'Museum Café', postcode: 'NR2 1AA', town: 'Norwich', ...NORWICH });

  const walk = await makeActivity(db, trust, minster, {
    title: 'Minster heritage walk', summary: 'A gentle walk around the medieval town wall.', costType: 'paid', pricePence: 350,
    access: ['step_free', 'hearing_loop'], languages: ['en', 'bsl'], needs: ['loneliness', 'physical_activity'], activityTypes: ['walk'],
    support: ['buddy_welcome'],
  });
  await db.query(
    `update activities set contact_name = 'Walk leader', contact_email = 'walks@example.org', contact_phone = '01493 111111', age_min = 18,
       terrain = 'uneven', distance_walked_m = 3200, safeguarding = '{dbs_checked,first_aid}', cost_note = 'Per walk, tea included.', funded_places = 4
     where id = $1`,
    [walk],
  );
  const weekly = await makeSession(db, walk, { frequency: 'weekly', weekday: 2, startDate: '2026-01-06', startTime: '10:00', endTime: '12:00' });
  const once = await makeSession(db, walk, { frequency: 'once', weekday: null, startDate: '2026-12-05', startTime: '14:00', endTime: '15:30' });

  const cafe = await makeActivity(db, museum, norwich, {
    title: 'Memory café', summary: 'Reminiscence with museum objects and tea.', costType: 'free_for_referred', pricePence: 500,
    activityTypes: ['memory_cafe', 'object_handling'], needs: ['dementia', 'carers'], months: [4, 5, 6, 7, 8, 9], languages: ['en', 'pl'],
  });
  const fortnightly = await makeSession(db, cafe, { frequency: 'fortnightly', weekday: 3, startDate: '2026-11-02', startTime: '14:00', endTime: '16:00' });
  const firstTuesday = await makeSession(db, cafe, { frequency: 'monthly', weekday: 2, weekOfMonth: 1, startDate: '2026-01-01', endDate: '2027-12-31' });
  const lastFriday = await makeSession(db, cafe, { frequency: 'monthly', weekday: 5, weekOfMonth: -1, startDate: '2026-01-01' });
  await db.query(`insert into session_cancellations (session_id, on_date, reason) values ($1, '2026-11-27', 'Museum closed')`, [lastFriday]);

  const archive = await makeActivity(db, trust, rows, {
    title: 'Row house archive afternoons', summary: 'Old photographs and family history.', activityTypes: ['archives_research'], needs: ['confidence'],
    lastCheckedAt: new Date('2026-03-01T10:00:00Z'), // due for a check, still public
  });

  const pending = await makeActivity(db, trust, minster, { title: 'Pending tour', status: 'pending' });
  const withdrawn = await makeActivity(db, trust, minster, { title: 'Withdrawn tour', status: 'withdrawn' });
  const expired = await makeActivity(db, trust, minster, { title: 'Expired tour', lastCheckedAt: new Date('2025-10-01T10:00:00Z') });
  const unapproved = await makeOrganisation(db, { name: 'Unapproved Society', status: 'pending' });
  const unapprovedPlace = await makePlace(db, unapproved, { name: 'Society Room' });
  const ofUnapproved = await makeActivity(db, unapproved, unapprovedPlace, { title: 'Unapproved walk' });

  // Pin modification times so modified_after is testable.
  await db.query(`update organisations set updated_at = '2026-01-01T00:00:00Z'`);
  await db.query(`update places set updated_at = '2026-01-01T00:00:00Z'`);
  await db.query(`update activities set updated_at = '2026-01-01T00:00:00Z'`);
  await db.query(`update activities set updated_at = '2026-11-20T09:00:00Z' where id = $1`, [cafe]);
  await refreshActivityIndex(db, [walk, cafe, archive], new Date(TEST_NOW));

  return {
    organisations: { trust, museum, unapproved },
    places: { minster, rows, norwich },
    public: { walk, cafe, archive },
    hidden: { pending, withdrawn, expired, ofUnapproved },
    sessions: { weekly, once, fortnightly, firstTuesday, lastFriday },
  };
}
