import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

const ROWS = 'Great Yarmouth’s Rows';
const decode = (html: string) =>
  html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

const stopForm = (over: Record<string, string> = {}) => ({
  name: 'Market Place',
  postcode: 'NR30 1NE',
  latitude: '',
  longitude: '',
  directions: 'Start by the market stalls.',
  story: 'The market has run since 1208.',
  heritageAssetId: '',
  contributedPlaceId: '',
  stepFree: 'yes',
  bench: 'yes',
  toilet: '',
  accessNote: '',
  legWalkedM: '',
  legStepFree: 'yes',
  legSurface: 'paved',
  legGradient: 'flat',
  legBench: '',
  ...over,
});

describe.each(ENGINES)('heritage walks ($name)', (engine) => {
  let t: TestApp;
  let rowsId: string;
  let fromeId: string;
  const as = async (email: string) => {
    const v = new Visitor(t.app);
    await v.signIn(email);
    return v;
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(sql, params))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    const rows = await t.db.query<{ id: string; town: string }>(`select id, town from walks order by town`);
    fromeId = rows.find((r) => r.town === 'Frome')!.id;
    rowsId = rows.find((r) => r.town === 'Great Yarmouth')!.id;
  });
  afterAll(async () => t.close());

  it('lists the published walks, near a postcode nearest first, and filters by town and step-free', async () => {
    const v = new Visitor(t.app);
    const all = decode((await v.get(paths.walks.list)).body);
    expect(all).toContain(ROWS);
    expect(all).toContain('Frome town walk');
    const near = decode((await v.get(`${paths.walks.list}?where=NR30+2QH`)).body);
    expect(near).toContain(ROWS);
    expect(near).not.toContain('Frome town walk');
    const town = decode((await v.get(`${paths.walks.list}?town=Frome`)).body);
    expect(town).toContain('Frome town walk');
    expect(town).not.toContain(ROWS);
    // Both demo walks have a stop with steps.
    expect((await v.get(`${paths.walks.list}?stepfree=1`)).body).toContain('No walks match');
    const bad = await v.get(`${paths.walks.list}?where=ZZ99+9ZZ`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('We could not find the postcode');
  });

  it('shows a walk’s stops in order with directions, stories, access facts in words and list entries', async () => {
    const html = decode((await new Visitor(t.app).get(paths.walks.walk(rowsId))).body);
    const order = [
      'Elizabethan House Museum',
      'Nelson Museum',
      'Row 111 Houses',
      'Merchant’s House, Row 117',
      'The Tolhouse',
      'Town wall, Blackfriars Road',
    ].map((n) => html.indexOf(`. ${n}`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(html).toContain('Step-free throughout except stops 2 and 4.');
    expect(html).toContain('Toilets at stops 1 and 5.');
    expect(html).toContain('at a slow walking pace (3 km an hour)');
    expect(html).toContain('https://historicengland.org.uk/listing/the-list/list-entry/1003958');
    expect(html).toContain('Scheduled monument');
    expect(html).toContain('<svg class="app-qr"');
    const frome = decode((await new Visitor(t.app).get(paths.walks.walk(fromeId))).body);
    expect(frome).toContain('Steep on the way to stop 5.');
    expect(frome).toContain('Cobbles on the way to stop 5.');
  });

  it('serves the route as GPX 1.1 with the stops in order at their positions, and every walk as GeoJSON with its licence', async () => {
    const res = await new Visitor(t.app).get(paths.walks.gpx(rowsId));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/gpx+xml');
    const gpx = res.body;
    expect(gpx.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1"')).toBe(true);
    expect(gpx).toContain('<license>https://creativecommons.org/licenses/by-sa/4.0/</license>');
    const stops = await t.db.query<{ name: string; latitude: number; longitude: number }>(
      'select name, latitude, longitude from walk_stops where walk_id = $1 order by position',
      [rowsId],
    );
    const points = [...gpx.matchAll(/<rtept lat="([-\d.]+)" lon="([-\d.]+)">\s*<name>(\d+)\. ([^<]+)<\/name>/g)];
    expect(points.map((p) => [Number(p[1]), Number(p[2]), Number(p[3])])).toEqual(
      stops.map((s, i) => [Number(s.latitude.toFixed(6)), Number(s.longitude.toFixed(6)), i + 1]),
    );

    const geo = JSON.parse((await new Visitor(t.app).get(paths.walks.openData)).body) as {
      licence: string;
      features: { geometry: { type: string; coordinates: unknown[] }; properties: { walkId: string; kind: string; licence: string } }[];
    };
    expect(geo.licence).toBe('CC BY-SA 4.0');
    const line = geo.features.find((f) => f.properties.walkId === rowsId && f.geometry.type === 'LineString')!;
    expect(line.geometry.coordinates).toHaveLength(6);
    expect(geo.features.filter((f) => f.properties.walkId === rowsId && f.properties.kind === 'stop')).toHaveLength(6);
    expect(geo.features.every((f) => f.properties.licence === 'CC BY-SA 4.0')).toBe(true);
  });

  it('prints a self-contained route card with the QR code back to the walk', async () => {
    const res = await new Visitor(t.app).get(paths.walks.routeCard(rowsId));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('@page');
    expect(res.body).toContain('<svg class="app-qr"');
    // Nothing to fetch: a stop's photo is inlined (decision 048), so every image is a data: URL.
    expect(res.body).not.toMatch(/<script|<link rel="stylesheet"|<img(?![^>]*src="data:image\/jpeg;base64,)/);
    expect(res.body).toMatch(/<img class="stop__photo" src="data:image\/jpeg;base64,/);
  });

  it('offers walks beside search results, on the phone line with a read-aloud summary, on heritage nearby and in matching', async () => {
    const search = decode((await new Visitor(t.app).get(`${paths.search}?q=rows`)).body);
    expect(search).toContain('Self-guided walks');
    expect(search).toContain(ROWS);
    const near = decode((await new Visitor(t.app).get(`${paths.search}?where=Frome`)).body);
    expect(near).toContain('Frome town walk');
    expect(near).not.toContain(ROWS);

    const phone = decode((await (await as('connector.frome@waymark.example')).get(`${paths.phoneLine.home}?where=BA11+1AB`)).body);
    expect(phone).toContain('Read aloud: Frome town walk');
    expect(phone).toContain('It is free and you can do it at any time');

    const doorstep = decode((await new Visitor(t.app).get(`${paths.doorstep}?where=NR30+2QH&radius=3`)).body);
    expect(doorstep).toContain('Heritage walks near');
    expect(doorstep).toContain('Source: Heritage walk by Yarmouth Heritage Trust');

    const [person] = await t.db.query<{ id: string }>(
      `select p.id from participants p join users u on u.id = p.caseworker_id
        where u.email = 'linkworker.yarmouth@waymark.example' and p.easting is not null and p.anonymised_at is null order by p.preferred_name limit 1`,
    );
    const matches = decode((await (await as('linkworker.yarmouth@waymark.example')).get(`${paths.caseload.matches(person!.id)}?radius=10`)).body);
    expect(matches).toContain('Something to do on their own');
    expect(matches).toContain(ROWS);
  });

  it('lets provider staff write a draft walk with stops, showing errors next to fields and changing nothing on bad input', async () => {
    const provider = await as('provider.yarmouth@waymark.example');
    const bad = await provider.post(paths.walks.new, { title: '', summary: 'A walk', town: 'Great Yarmouth', postcode: 'NR30 1NE' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the walk’s name');
    const before = await count('select count(*) as n from walks');
    const created = await provider.post(paths.walks.new, {
      title: 'Market and Minster',
      summary: 'Round the market.',
      town: 'Great Yarmouth',
      postcode: 'NR30 1NE',
    });
    expect(created.statusCode).toBe(303);
    expect(await count('select count(*) as n from walks')).toBe(before + 1);
    const walkId = /\/manage-walks\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;

    const noPlace = await provider.post(paths.walks.stopNew(walkId), stopForm({ postcode: '', latitude: '52.6' }));
    expect(noPlace.statusCode).toBe(422);
    expect(noPlace.body).toContain('Enter both the latitude and the longitude, or neither');
    const badSurface = await provider.post(paths.walks.stopNew(walkId), stopForm({ legSurface: 'lava' }));
    expect(badSurface.statusCode).toBe(422);
    expect(badSurface.body).toContain('Choose the surface of the way here');
    const unknownAsset = await provider.post(paths.walks.stopNew(walkId), stopForm({ heritageAssetId: '999999999' }));
    expect(unknownAsset.statusCode).toBe(422);
    expect(unknownAsset.body).toContain('Choose a heritage place from the list');
    expect(await count('select count(*) as n from walk_stops where walk_id = $1', [walkId])).toBe(0);

    expect((await provider.post(paths.walks.stopNew(walkId), stopForm())).statusCode).toBe(303);
    expect(
      (await provider.post(paths.walks.stopNew(walkId), stopForm({ name: 'The Minster', postcode: '', latitude: '52.6121', longitude: '1.7291' }))).statusCode,
    ).toBe(303);
    const page = decode((await provider.get(paths.walks.edit(walkId))).body);
    expect(page).toContain('A coordinator of the area where it starts publishes it');
    expect(page).not.toContain('Publish this walk');
    // Not public while a draft.
    expect((await new Visitor(t.app).get(paths.walks.walk(walkId))).statusCode).toBe(404);
    // Provider staff cannot publish.
    expect((await provider.post(paths.walks.publish(walkId))).statusCode).toBe(403);
    // Another area's coordinator does not find it.
    expect((await (await as('coordinator.frome@waymark.example')).get(paths.walks.edit(walkId))).statusCode).toBe(404);
    // Reordering swaps the two stops.
    const [second] = await t.db.query<{ id: string }>('select id from walk_stops where walk_id = $1 and position = 2', [walkId]);
    expect((await provider.post(paths.walks.stopMove(walkId, second!.id), { direction: 'up' })).statusCode).toBe(303);
    expect((await t.db.query<{ name: string }>('select name from walk_stops where walk_id = $1 order by position', [walkId])).map((r) => r.name)).toEqual([
      'The Minster',
      'Market Place',
    ]);

    // The area's coordinator publishes it; it is then public, and audited.
    const coordinator = await as('coordinator@waymark.example');
    expect((await coordinator.post(paths.walks.publish(walkId))).statusCode).toBe(303);
    expect((await new Visitor(t.app).get(paths.walks.walk(walkId))).statusCode).toBe(200);
    expect(await count(`select count(*) as n from audit_events where subject_id = $1 and action = 'walk.published'`, [walkId])).toBe(1);

    // A provider's change to a published walk takes it back to draft for the coordinator to check.
    expect(
      (
        await provider.post(paths.walks.details(walkId), {
          title: 'Market and Minster walk',
          summary: 'Round the market.',
          town: 'Great Yarmouth',
          postcode: 'NR30 1NE',
        })
      ).statusCode,
    ).toBe(303);
    expect((await t.db.query<{ status: string }>('select status from walks where id = $1', [walkId]))[0]!.status).toBe('draft');
  });

  it('links a stop to a place that matters to local people, and the place pages list the walks that pass them', async () => {
    const [chips] = await t.db.query<{ id: string }>(`select id from contributions where title = 'The chip stalls on the Market Place'`);
    const [listed] = await t.db.query<{ source_id: string; position: number }>(
      `select h.source_id, s.position from walk_stops s join heritage_assets h on h.id = s.heritage_asset_id
        where s.walk_id = $1 and h.source like 'nhle%' order by s.position limit 1`,
      [rowsId],
    );
    const coordinator = await as('coordinator@waymark.example');
    const created = await coordinator.post(paths.walks.new, {
      title: 'Chips and flint',
      summary: 'Market to Tolhouse.',
      town: 'Great Yarmouth',
      postcode: 'NR30 1NE',
    });
    const walkId = /\/manage-walks\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    // The form offers published, public places near the start; anything else is refused next to the field.
    expect(decode((await coordinator.get(paths.walks.stopNew(walkId))).body)).toContain('The chip stalls on the Market Place (shop)');
    // A nearby place hidden by readers' reports is not offered.
    const [hidden] = await t.db.query<{ id: string }>(`update contributions set hidden_by_reports = true where title = 'Winter Gardens dances' returning id`);
    expect(decode((await coordinator.get(paths.walks.stopNew(walkId))).body)).not.toContain('Winter Gardens dances');
    for (const bad of ['not-a-place', '00000000-0000-4000-8000-000000000000', hidden!.id]) {
      const res = await coordinator.post(paths.walks.stopNew(walkId), stopForm({ contributedPlaceId: bad }));
      expect([bad, res.statusCode]).toEqual([bad, 422]);
      expect(res.body).toContain('Choose a place that matters to local people from the list');
    }
    expect(await count('select count(*) as n from walk_stops where walk_id = $1', [walkId])).toBe(0);
    expect((await coordinator.post(paths.walks.stopNew(walkId), stopForm({ name: 'Chip stalls', contributedPlaceId: chips!.id }))).statusCode).toBe(303);
    expect(
      (await coordinator.post(paths.walks.stopNew(walkId), stopForm({ name: 'Minster', postcode: '', latitude: '52.6121', longitude: '1.7291' }))).statusCode,
    ).toBe(303);

    // Not passing anything while a draft.
    expect(decode((await new Visitor(t.app).get(paths.place(chips!.id))).body)).not.toContain('Chips and flint');
    expect((await coordinator.post(paths.walks.publish(walkId))).statusCode).toBe(303);

    const walkPage = decode((await new Visitor(t.app).get(paths.walks.walk(walkId))).body);
    expect(walkPage).toContain(`<a href="${paths.place(chips!.id)}">The chip stalls on the Market Place</a>`);
    expect(decode((await new Visitor(t.app).get(paths.walks.routeCard(walkId))).body)).toContain(
      'The chip stalls on the Market Place: a place that matters to local people.',
    );
    const placePage = decode((await new Visitor(t.app).get(paths.place(chips!.id))).body);
    expect(placePage).toContain(`<a href="${paths.walks.walk(walkId)}#stop-1">Chips and flint</a>`);
    expect(placePage).not.toContain(ROWS);
    const assetPage = decode((await new Visitor(t.app).get(paths.place(`nhle-${listed!.source_id}`))).body);
    expect(assetPage).toContain(`<a href="${paths.walks.walk(rowsId)}#stop-${listed!.position}">${ROWS}</a>`);
    expect(assetPage).not.toContain('Chips and flint');
  });

  it('lists for each author the walks they may change: their organisation’s, or those starting in their area', async () => {
    const coordinator = decode((await (await as('coordinator@waymark.example')).get(paths.walks.mine)).body);
    expect(coordinator).toContain(ROWS);
    expect(coordinator).not.toContain('Frome town walk');
    const provider = decode((await (await as('provider.frome@waymark.example')).get(paths.walks.mine)).body);
    expect(provider).toContain('Frome town walk');
    expect(provider).not.toContain(ROWS);
    expect((await (await as('provider.frome@waymark.example')).get(paths.walks.edit(rowsId))).statusCode).toBe(404);
    expect((await (await as('linkworker.yarmouth@waymark.example')).get(paths.walks.mine)).statusCode).toBe(403);
  });

  it('refuses to publish a walk with something missing, and says what', async () => {
    const coordinator = await as('coordinator.frome@waymark.example');
    const created = await coordinator.post(paths.walks.new, { title: 'Short', summary: 'One stop only.', town: 'Frome', postcode: 'BA11 1AB' });
    const walkId = /\/manage-walks\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const res = await coordinator.post(paths.walks.publish(walkId));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Add at least two stops');
    expect((await t.db.query<{ status: string }>('select status from walks where id = $1', [walkId]))[0]!.status).toBe('draft');
    const outside = await coordinator.post(paths.walks.new, { title: 'Elsewhere', summary: 'Not in Frome.', town: 'Great Yarmouth', postcode: 'NR30 1NE' });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('outside your scheme’s area');
  });

  it('shows script and markup typed into every field of a walk as text on every page and file it is in', async () => {
    const mark = (field: string) => `<script>alert("${field}")</script><b>${field}</b><img src=x onerror=alert(1)>`;
    const provider = await as('provider.yarmouth@waymark.example');
    const created = await provider.post(paths.walks.new, { title: mark('title'), summary: mark('summary'), town: 'Great Yarmouth', postcode: 'NR30 1NE' });
    const walkId = /\/manage-walks\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    for (const n of ['one', 'two']) {
      const added = await provider.post(
        paths.walks.stopNew(walkId),
        stopForm({ name: mark(`name ${n}`), directions: mark(`directions ${n}`), story: mark(`story ${n}`), accessNote: mark(`note ${n}`) }),
      );
      expect(added.statusCode).toBe(303);
    }
    expect((await (await as('coordinator@waymark.example')).post(paths.walks.publish(walkId))).statusCode).toBe(303);

    const anyone = new Visitor(t.app);
    const html = {
      'manage page': (await provider.get(paths.walks.edit(walkId))).body,
      'walk page': (await anyone.get(paths.walks.walk(walkId))).body,
      'route card': (await anyone.get(paths.walks.routeCard(walkId))).body,
      'walks list': (await anyone.get(`${paths.walks.list}?where=NR30+1NE`)).body,
      'directory search': (await anyone.get('/activities?where=NR30+1NE')).body,
      'GPX file': (await anyone.get(paths.walks.gpx(walkId))).body,
    };
    for (const [where, body] of Object.entries(html)) {
      expect(body, where).not.toMatch(/<script>alert|<b>(title|summary|name|directions|story|note)|<img src=x/);
      expect(body, where).toContain('&lt;script&gt;alert(');
    }
    // Every field reached the pages (as text), so the absence of markup above is escaping at work.
    const asText = (body: string) => decode(body).replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const page = asText(html['walk page']);
    for (const field of ['title', 'summary', 'name one', 'directions two', 'story one', 'note two']) expect(page).toContain(`<b>${field}</b>`);
    expect(asText(html['route card'])).toContain('<b>directions two</b>');
    // The GeoJSON carries the text as JSON strings: parsed back, it is exactly what was typed.
    const geo = JSON.parse((await anyone.get(paths.walks.openData)).body) as { features: { properties: Record<string, unknown> }[] };
    expect(JSON.stringify(geo.features.map((f) => f.properties))).toContain(JSON.stringify(mark('title')).slice(1, -1));
  });
});
