import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { compactShortCode, SHORT_CODE_ALPHABET } from '../../../domain/short-code.ts';
import { paths } from '../../paths.ts';

describe('reading a short code as people type it', () => {
  it('accepts lower case, spaces, hyphens and dashes, and refuses characters codes never use', () => {
    expect(compactShortCode('nr 4k7')).toBe('NR4K7');
    expect(compactShortCode(' NR-4K7 ')).toBe('NR4K7');
    expect(compactShortCode('ba–3x9d')).toBe('BA3X9D');
    expect(compactShortCode('NR-4O7')).toBeNull(); // O is never used: it looks like 0
    expect(compactShortCode('NR-4')).toBeNull();
    expect(compactShortCode('4K7')).toBeNull();
    expect(compactShortCode('')).toBeNull();
  });

  it('uses no pair of characters people mistake for one another', () => {
    for (const c of '0O1IL2Z5S8BUV') expect(SHORT_CODE_ALPHABET).not.toContain(c);
  });
});

describe.each(ENGINES)('a listing found by its short code ($name)', (engine) => {
  let t: TestApp;
  let walk: string;
  let code: string;
  let frome: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db, { name: 'Harbour Trust' });
    walk = await makeActivity(t.db, org, await makePlace(t.db, org, { postcode: 'NR30 1AA' }), { title: 'Harbour heritage walk' });
    frome = await makeActivity(t.db, org, await makePlace(t.db, org, { postcode: 'BA11 1AA', name: 'Frome hall' }), { title: 'Frome talk' });
    await makeActivity(t.db, org, await makePlace(t.db, org, { name: 'Store' }), { title: 'Withdrawn walk', status: 'withdrawn' });
    code = (await t.db.query<{ short_code: string }>('select short_code from activities where id = $1', [walk]))[0]!.short_code;
  });
  afterAll(async () => t.close());

  it('gives every activity a code on creation from its postcode area, unique without its hyphen', async () => {
    const rows = await t.db.query<{ id: string; short_code: string }>('select id, short_code from activities order by title');
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.short_code).toMatch(/^[A-Z]{1,2}-[34679ACDEFGHJKMNPQRTWXY]{3,4}$/);
    expect(code).toMatch(/^NR-/);
    expect(rows.find((r) => r.id === frome)!.short_code).toMatch(/^BA-/);
    expect(new Set(rows.map((r) => r.short_code.replace('-', ''))).size).toBe(3);
    await expect(t.db.query('update activities set short_code = $2 where id = $1', [frome, code])).rejects.toThrow();
  });

  it('keeps the code when the activity moves to another place', async () => {
    const org = (await t.db.query<{ organisation_id: string }>('select organisation_id from activities where id = $1', [walk]))[0]!.organisation_id;
    const elsewhere = await makePlace(t.db, org, { postcode: 'BA11 1AA', name: 'Moved' });
    await t.db.query('update activities set place_id = $2 where id = $1', [walk, elsewhere]);
    expect((await t.db.query<{ short_code: string }>('select short_code from activities where id = $1', [walk]))[0]!.short_code).toBe(code);
  });

  it('opens the activity from a printed link or the home page box, however the code is typed', async () => {
    for (const url of [
      paths.shortCode(code),
      paths.shortCode(code.toLowerCase().replace('-', '')),
      `${paths.findByCode}?code=${encodeURIComponent(` ${code.toLowerCase().replace('-', ' ')} `)}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(paths.activity(walk));
    }
    const page = await get(paths.activity(walk));
    expect(page.body).toContain(`Listing code <strong class="app-short-code">${code}</strong>`);
    expect((await get('/')).body).toContain('Have a code from a leaflet?');
  });

  it('says next to the field when a code finds nothing, or is left empty, and never leads to a listing that is not public', async () => {
    const unknown = await get(`${paths.findByCode}?code=ZZ-4K7`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('We could not find a listing with the code ZZ-4K7');
    expect(unknown.body).toContain('nhsuk-error-message');
    expect(unknown.body).toContain('value="ZZ-4K7"');
    const empty = await get(`${paths.findByCode}?code=`);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the code from your leaflet or poster');
    const withdrawn = (await t.db.query<{ short_code: string }>(`select short_code from activities where title = 'Withdrawn walk'`))[0]!.short_code;
    expect((await get(paths.shortCode(withdrawn))).statusCode).toBe(404);
    expect((await get('/c/%3Cscript%3E')).statusCode).toBe(404);
    expect((await get(paths.findByCode)).statusCode).toBe(200);
  });
});
