import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeOrganisation, makePlace, makeScheme } from '../../test/factories.ts';
import { one, type Db } from './database.ts';

const MIGRATION = fileURLToPath(new URL('./migrations/120_postcodes_and_phones_normalised.sql', import.meta.url));

describe.each(ENGINES)('migration 120: postcodes and phone numbers stored normalised (%s)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db.drop());

  it('rewrites what was stored before, whichever form it was typed in, and leaves what it cannot read', async () => {
    const org = await makeOrganisation(db);
    await db.query(`update organisations set phone = '(01493) 846-346' where id = $1`, [org]);
    const place = await makePlace(db, org, { postcode: 'nr30 1ne' });
    const scheme = await makeScheme(db);
    const person = (name: string, phone: string | null, postcode: string | null) =>
      one<{ id: string }>(
        db,
        `insert into participants (scheme_id, source, preferred_name, contact_preference, phone, address, postcode, created_at, updated_at)
         values ($1, 'self', $2, 'letter', $3, '1 Row', $4, to_timestamp(1795255200), to_timestamp(1795255200)) returning id`,
        [scheme, name, phone, postcode],
      );
    const spaced = await person('Spaced', '07700 900 982', 'NR30 1NE');
    const odd = await person('Odd', 'ask at the desk', 'NR30');
    await db.query(
      `insert into notifications (channel, recipient, subject, body, created_at) values ('letter', E'Pat\\n1 Row\\nNR301NE', 'Hello', 'Hi', to_timestamp(1795255200))`,
    );

    await db.exec(await readFile(MIGRATION, 'utf8'));
    await db.exec(await readFile(MIGRATION, 'utf8')); // running it again changes nothing

    expect((await one<{ phone: string }>(db, 'select phone from organisations where id = $1', [org])).phone).toBe('+441493846346');
    expect((await one<{ postcode: string }>(db, 'select postcode from places where id = $1', [place])).postcode).toBe('NR301NE');
    expect(await one(db, 'select phone, postcode from participants where id = $1', [spaced.id])).toEqual({ phone: '+447700900982', postcode: 'NR301NE' });
    expect(await one(db, 'select phone, postcode from participants where id = $1', [odd.id])).toEqual({ phone: 'ask at the desk', postcode: 'NR30' });
    expect((await one<{ recipient: string }>(db, `select recipient from notifications where channel = 'letter'`)).recipient).toBe('Pat\n1 Row\nNR30 1NE');
  });
});
