import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { VOCABULARIES } from '../../domain/vocabulary.ts';
import { paths } from '../../web/paths.ts';
import { taxonomyId, termId, uuidV5 } from './oruk-ids.ts';
import { MAX_PER_PAGE } from './oruk-query.ts';
import { OPEN_DATA_RATE_LIMIT_PER_MINUTE } from './open-data-scope.ts';
import { seedOrukDirectory } from '../../../test/fixtures/oruk.fixtures.ts';

type Page = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: { id: string; name: string }[];
};
type Schedule = Record<string, unknown>;

describe.each(ENGINES)('Open Referral UK API ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const list = async (query = '') => {
    const res = await get(`${paths.api.orukServices}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const names = (page: Page) => page.contents.map((c) => c.name);

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await seedOrukDirectory(t.db);
  });
  afterAll(async () => t.close());

  it('says which standard it follows at the root, with or without a trailing slash', async () => {
    for (const url of [paths.api.orukRoot, `${paths.api.orukRoot}/`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 'HSDS-UK-3.0', profile: expect.stringContaining('OpenReferralUK/uk-profile') });
    }
  });

  describe('pagination', () => {
    it('counts items and pages and marks the first and last page', async () => {
      const first = await list('?per_page=2');
      expect(first).toMatchObject({ total_items: 3, total_pages: 2, page_number: 1, size: 2, first_page: true, last_page: false, empty: false });
      const second = await list('?per_page=2&page=2');
      expect(second).toMatchObject({ total_items: 3, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true, empty: false });
      expect(new Set([...names(first), ...names(second)]).size).toBe(3);
    });

    it('returns an empty last page past the end rather than an error', async () => {
      expect(await list('?per_page=2&page=3')).toMatchObject({ total_items: 3, page_number: 3, size: 0, last_page: true, empty: true, contents: [] });
    });

    it('serves a per_page above its most at that most (500), with the true size and page count, never refusing it', async () => {
      expect(MAX_PER_PAGE).toBe(500);
      const p = await list('?per_page=5000');
      expect(p).toMatchObject({ total_items: 3, total_pages: 1, page_number: 1, size: 3, last_page: true });
      const terms = (await get(`${paths.api.orukTaxonomyTerms}?per_page=100000`)).json() as Page;
      expect(terms.total_pages).toBe(Math.ceil(terms.total_items / MAX_PER_PAGE));
      expect(terms.size).toBe(Math.min(terms.total_items, MAX_PER_PAGE));
    });

    it('ignores parameters the standard does not name', async () => {
      expect(names(await list('?include=service_at_locations&sort=name&api_key=x&foo[]=1&per_page=2&page=2'))).toHaveLength(1);
    });

    it('lets a client that pages naively, until total_pages <= page_number, finish with every service once', async () => {
      const seen: string[] = [];
      let pageNumber = 0;
      let totalPages = 1;
      let requests = 0;
      while (totalPages > pageNumber) {
        const p = await list(`?per_page=1&page=${pageNumber + 1}&client=service-finder`);
        seen.push(...names(p));
        ({ page_number: pageNumber, total_pages: totalPages } = p);
        if (++requests > 10) throw new Error('the client never stopped');
      }
      expect(seen.sort()).toEqual(['Memory café', 'Minster heritage walk', 'Row house archive afternoons']);
    });

    it('does not stop a client making more requests a minute than the old limit (600 per route) allowed', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 650; i++) statuses.add((await get(`${paths.api.orukTaxonomies}?page=1`)).statusCode);
      expect([...statuses]).toEqual([200]);
      expect(OPEN_DATA_RATE_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(6000);
    });

    it('shows up to 50 per page by default', async () => {
      expect(await list()).toMatchObject({ total_items: 3, total_pages: 1, size: 3, first_page: true, last_page: true });
    });
  });

  describe('only public listings', () => {
    it('lists live activities of approved organisations checked within 12 months, including those due a check', async () => {
      expect(names(await list()).sort()).toEqual(['Memory café', 'Minster heritage walk', 'Row house archive afternoons']);
    });

    it('answers 404 in JSON for pending, withdrawn, expired and unapproved listings', async () => {
      for (const id of Object.values(ids.hidden)) {
        const res = await get(paths.api.orukService(id));
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ status: 404 });
      }
    });

    it('answers 404 in JSON for an unknown or malformed id and an unknown path', async () => {
      for (const url of [
        paths.api.orukService('00000000-0000-4000-8000-000000000000'),
        paths.api.orukService('walk'),
        `${paths.api.orukRoot}/nothing-here`,
        paths.api.orukTaxonomy('00000000-0000-4000-8000-000000000000'),
        paths.api.orukTaxonomyTerm('not-a-term'),
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.headers['access-control-allow-origin']).toBe('*');
      }
    });
  });

  describe('filters', () => {
    it('finds services by words', async () => {
      expect(names(await list('?text=reminiscence'))).toEqual(['Memory café']);
      expect(names(await list('?search=medieval+wall'))).toEqual(['Minster heritage walk']);
    });

    it('finds services by taxonomy term id, in any letter case, and nothing for a term it never issued', async () => {
      expect(names(await list(`?taxonomy_term_id=${termId('needs', 'dementia')}`))).toEqual(['Memory café']);
      expect(names(await list(`?taxonomy_term_id=${termId('access', 'step_free').toUpperCase()}`))).toEqual(['Minster heritage walk']);
      expect(names(await list(`?taxonomy_term_id=${termId('organisation_types', 'local_museum')}`))).toEqual(['Memory café']);
      expect(await list('?taxonomy_term_id=00000000-0000-4000-8000-000000000000')).toMatchObject({ total_items: 0, empty: true });
    });

    it('finds services with any term of a taxonomy', async () => {
      expect(names(await list(`?taxonomy_id=${taxonomyId('support')}`))).toEqual(['Minster heritage walk']);
    });

    it('finds services changed on or after a date', async () => {
      expect(names(await list('?modified_after=2026-11-01'))).toEqual(['Memory café']);
      expect(names(await list('?modified_after=2026-11-20T09:00:00Z'))).toEqual(['Memory café']);
      expect(await list('?modified_after=2026-11-20T09:00:01Z')).toMatchObject({ total_items: 0 });
    });

    it('finds services near a postcode, nearest first, within a distance in metres', async () => {
      expect(names(await list('?postcode=nr301aa&proximity=5000'))).toEqual(['Minster heritage walk', 'Row house archive afternoons']);
      expect(names(await list('?postcode=NR2%201AA'))).toEqual(['Memory café', 'Minster heritage walk', 'Row house archive afternoons']);
      expect(names(await list('?postcode=NR2+1AA&proximity=100'))).toEqual(['Memory café']);
    });
  });

  describe('bad query parameters', () => {
    const cases: [string, string][] = [
      ['?page=0', 'page'],
      ['?page=two', 'page'],
      ['?per_page=lots', 'per_page'],
      ['?per_page=0', 'per_page'],
      ['?taxonomy_term_id=walk', 'taxonomy_term_id'],
      ['?taxonomy_id=123', 'taxonomy_id'],
      ['?modified_after=last+week', 'modified_after'],
      ['?proximity=1000', 'proximity'],
      ['?postcode=NR30+1AA&proximity=-5', 'proximity'],
      ['?postcode=not+a+postcode', 'postcode'],
      ['?postcode=ZZ99+9ZZ', 'postcode'],
    ];
    it.each(cases)('answers 400 in JSON naming the parameter for %s', async (query, field) => {
      const res = await get(`${paths.api.orukServices}${query}`);
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: string; status: number; errors: { field: string }[] };
      expect(body.status).toBe(400);
      expect(body.error).toContain(field);
      expect(body.errors.map((e) => e.field)).toContain(field);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });

    it('takes the first of a parameter given twice rather than refusing it', async () => {
      const twice = await list('?per_page=1&page=2&page=1');
      expect(twice.page_number).toBe(2);
      expect(names(twice)).toEqual(names(await list('?per_page=1&page=2')));
    });

    it('checks paging on the taxonomy lists too', async () => {
      expect((await get(`${paths.api.orukTaxonomyTerms}?per_page=0`)).statusCode).toBe(400);
      expect((await get(`${paths.api.orukTaxonomies}?page=-1`)).statusCode).toBe(400);
      expect((await get(`${paths.api.orukTaxonomyTerms}?taxonomy_id=needs`)).statusCode).toBe(400);
    });
  });

  describe('conditional requests', () => {
    it('tags every answer and answers a request whose tag still matches with 304 and no body', async () => {
      for (const url of [paths.api.orukServices, paths.api.orukService(ids.public.walk), paths.api.orukTaxonomies]) {
        const first = await get(url);
        const etag = String(first.headers.etag);
        expect(etag, url).toMatch(/^".+"$/);
        const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
        expect(again.statusCode, url).toBe(304);
        expect(again.body).toBe('');
        expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
      }
    });

    it('says when a service last changed and answers If-Modified-Since from then on with 304', async () => {
      const url = paths.api.orukService(ids.public.walk);
      const modified = String((await get(url)).headers['last-modified']);
      expect(Date.parse(modified)).not.toBeNaN();
      expect((await get(paths.api.orukServices)).headers['last-modified']).toBeTruthy();
      const since = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
      expect((await since({ 'if-modified-since': modified })).statusCode).toBe(304);
      const before = new Date(Date.parse(modified) - 1000).toUTCString();
      expect((await since({ 'if-modified-since': before })).statusCode).toBe(200);
      // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
      expect((await since({ 'if-modified-since': modified, 'if-none-match': '"other"' })).statusCode).toBe(200);
    });
  });

  describe('CORS', () => {
    it('lets any web page read every response, and sets no cookies', async () => {
      for (const url of [paths.api.orukRoot, paths.api.orukServices, paths.api.orukService(ids.public.walk), paths.api.orukTaxonomies]) {
        const res = await get(url);
        expect(res.headers['access-control-allow-origin'], url).toBe('*');
        expect(res.headers['set-cookie'], url).toBeUndefined();
      }
    });

    it('answers a preflight request', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: paths.api.orukServices,
        headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toContain('GET');
      expect(res.headers['access-control-allow-headers']).toBe('accept');
    });
  });

  describe('schedules', () => {
    const schedules = async (activityId: string) => ((await get(paths.api.orukService(activityId))).json() as { schedules: Schedule[] }).schedules;
    const byId = (list: Schedule[], id: string) => list.find((s) => s.id === id);

    it('encodes a weekly session and a one-off session', async () => {
      const list = await schedules(ids.public.walk);
      expect(byId(list, ids.sessions.weekly)).toMatchObject({
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU',
        valid_from: '2026-01-06',
        dtstart: '2026-01-06',
        opens_at: '10:00',
        closes_at: '12:00',
        description: 'Every Tuesday, 10am to 12pm',
      });
      expect(byId(list, ids.sessions.weekly)).not.toHaveProperty('valid_to');
      const once = byId(list, ids.sessions.once);
      expect(once).toMatchObject({
        valid_from: '2026-12-05',
        valid_to: '2026-12-05',
        dtstart: '2026-12-05',
        description: 'Saturday 5 December 2026 only, 2pm to 3:30pm',
      });
      expect(once).not.toHaveProperty('freq');
    });

    it('encodes fortnightly as every second week from the first session, and monthly by ordinal weekday', async () => {
      const list = await schedules(ids.public.cafe);
      expect(byId(list, ids.sessions.fortnightly)).toMatchObject({
        freq: 'WEEKLY',
        interval: 2,
        byday: 'WE',
        dtstart: '2026-11-04',
        description: 'Every other Wednesday, 2pm to 4pm',
      });
      expect(byId(list, ids.sessions.firstTuesday)).toMatchObject({
        freq: 'MONTHLY',
        interval: 1,
        byday: '1TU',
        valid_to: '2027-12-31',
        description: 'First Tuesday of each month, 10am to 12pm',
      });
      const lastFriday = byId(list, ids.sessions.lastFriday);
      expect(lastFriday).toMatchObject({ freq: 'MONTHLY', interval: 1, byday: '-1FR', description: 'Last Friday of each month, 10am to 12pm' });
      expect(lastFriday?.notes).toContain('Not running on Friday 27 November 2026 (Museum closed)');
      expect(lastFriday?.notes).toContain('Runs in April, May, June, July, August and September only.');
    });
  });

  describe('the nested service', () => {
    it('carries the place, its accessibility, costs, languages, contacts and terms', async () => {
      const s = (await get(paths.api.orukService(ids.public.walk))).json();
      expect(s.organization).toMatchObject({ id: ids.organisations.trust, website: 'https://www.minster-trust.example.org/' });
      expect(s.service_at_locations[0].location).toMatchObject({
        id: ids.places.minster,
        location_type: 'physical',
        external_identifier: '1096743',
        addresses: [expect.objectContaining({ postal_code: 'NR30 1AA', city: 'Great Yarmouth', country: 'GB' })],
      });
      expect(s.service_at_locations[0].location.accessibility.map((a: { description: string }) => a.description)).toEqual([
        'Step-free access',
        'Hearing loop',
        'Ground: Uneven ground or grass. About 3.2 km on foot.',
      ]);
      expect(s.cost_options).toMatchObject([{ option: 'Standard', amount: 3.5 }, { amount: 0 }]);
      expect(s.languages.map((l: { code: string }) => l.code)).toEqual(['en', 'bfi']);
      expect(s.contacts[0]).toMatchObject({ name: 'Walk leader', email: 'walks@example.org', phones: [{ number: '01493 111111' }] });
      expect(s.attributes.map((a: { taxonomy_term_id: string }) => a.taxonomy_term_id)).toContain(termId('needs', 'loneliness'));
      expect(s).toMatchObject({ minimum_age: 18, assured_date: '2026-11-21', status: 'active' });
    });
  });

  describe('taxonomies', () => {
    it('publishes every vocabulary with deterministic UUIDs', async () => {
      const page = (await get(paths.api.orukTaxonomies)).json() as Page;
      expect(page.total_items).toBe(VOCABULARIES.length);
      expect(page.contents.map((c) => c.id)).toEqual(VOCABULARIES.map((v) => taxonomyId(v.id)));
      // Name-based UUIDs (version 5), checked against the RFC's own example.
      expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    });

    it('lists terms of one taxonomy and returns a term by id', async () => {
      const needs = (await get(`${paths.api.orukTaxonomyTerms}?taxonomy_id=${taxonomyId('needs')}&per_page=100`)).json() as Page;
      expect(needs.total_items).toBe(VOCABULARIES.find((v) => v.id === 'needs')!.terms.length);
      const res = await get(paths.api.orukTaxonomyTerm(termId('needs', 'dementia')));
      expect(res.json()).toMatchObject({ name: 'Dementia and memory', taxonomy_id: taxonomyId('needs') });
    });
  });
});
