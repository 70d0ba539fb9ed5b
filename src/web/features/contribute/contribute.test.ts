import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeScheme, makeUser, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, type TestApp, Visitor } from '../../../../test/test-app.ts';
import { gridToLatLng } from '../../../domain/geo.ts';

const XSS = '<script>alert("x")</script><b>bold</b>';

/** A phone photo carrying the camera, a GPS position and XMP: none of it may be served. */
async function phonePhoto() {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#6a4' } })
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'Spyphone 9' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 36/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '1/1 43/1 40/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
    .jpeg()
    .toBuffer();
}

const placeForm = (over: Record<string, string> = {}) => ({
  title: 'Palmer’s butcher’s',
  placeKind: 'shop',
  body: 'Everyone queued here on a Saturday.',
  approximateDate: '1950s',
  postcode: 'NR30 2AA',
  whereDescription: 'On the Market Place',
  creditKind: 'first_name',
  creditName: 'Maureen',
  licence: 'cc_by_sa_4',
  altText: 'The shop front with its striped awning',
  send: 'send',
  ...over,
});

const count = async (t: TestApp, table: string) => Number((await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

describe.each(ENGINES)('community heritage contributions ($name)', (engine) => {
  let t: TestApp;
  let contributor: { email: string; password: string };
  let coordinator: { email: string; password: string };
  let provider: { email: string; password: string };
  let activityId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await makePostcode(t.db, 'NR30 2AA', YARMOUTH);
    await makePostcode(t.db, 'NR30 1AA', { easting: YARMOUTH.easting + 300, northing: YARMOUTH.northing });
    await t.db.query(`insert into outcodes (outcode, easting, northing, latitude, longitude) values ('NR30', $1, $2, 52.6, 1.73)`, [
      YARMOUTH.easting,
      YARMOUTH.northing,
    ]);
    const { latitude, longitude } = gridToLatLng({ easting: YARMOUTH.easting + 100, northing: YARMOUTH.northing });
    await t.db.query(
      `insert into heritage_assets (source, source_id, name, category, grade, easting, northing, latitude, longitude, url, licence)
       values ('nhle_listed_building', '1096802', 'Tolhouse', 'listed_building', 'I', $1, $2, $3, $4, null, 'OGL v3.0')`,
      [YARMOUTH.easting + 100, YARMOUTH.northing, latitude, longitude],
    );
    const schemeId = await makeScheme(t.db);
    const org = await makeOrganisation(t.db, { name: 'Memory Café Trust' });
    activityId = await makeActivity(t.db, org, await makePlace(t.db, org, { easting: YARMOUTH.easting + 50, northing: YARMOUTH.northing }));
    contributor = await makeUser(t.db, { role: 'contributor', displayName: 'Maureen Example' });
    coordinator = await makeUser(t.db, { role: 'coordinator', schemeId });
    provider = await makeUser(t.db, { role: 'provider', organisationId: org });
  });
  afterAll(async () => t.close());

  const signedIn = async (who: { email: string; password: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(who.email, who.password);
    return v;
  };

  it('a member of the public adds a place with a photo; a coordinator publishes it; it shows on its page and the doorstep, with no photo metadata', async () => {
    const me = await signedIn(contributor);
    const added = await me.postMultipart(paths('newPlace'), placeForm(), { photo: { name: 'IMG_0001.jpg', type: 'image/jpeg', content: await phonePhoto() } });
    expect(added.statusCode).toBe(303);
    const itemUrl = added.headers.location as string;
    expect((await me.get(itemUrl)).body).toContain('Waiting for review');

    const signedOut = new Visitor(t.app);
    const id = itemUrl.split('/').pop()!;
    expect((await signedOut.get(`/places/${id}`)).statusCode).toBe(404);
    const [photo] = await t.db.query<{ id: string }>('select id from contribution_photos where contribution_id = $1', [id]);
    expect((await signedOut.get(`/photos/${photo!.id}/small.jpg`)).statusCode).toBe(404); // not before it is published

    const coord = await signedIn(coordinator);
    const queue = await coord.get('/contributions/review');
    expect(queue.body).toContain('Palmer’s butcher’s');
    expect((await coord.post(`/contributions/review/${id}`, { decision: 'published', message: '' })).statusCode).toBe(303);
    const [told] = await t.db.query<{ body: string }>(`select body from notifications where recipient = $1 and subject like 'About what you added%'`, [
      contributor.email,
    ]);
    expect(told?.body).toContain('now published');

    const page = await signedOut.get(`/places/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Shared by Maureen.');
    expect(page.body).toContain('CC BY-SA 4.0');
    expect(page.body).toContain('alt="The shop front with its striped awning"');
    expect(page.body).toContain(`/activities/${activityId}`); // the activity next door

    for (const copy of ['small.jpg', 'small.webp', 'large.jpg', 'large.webp']) {
      const res = await signedOut.get(`/photos/${photo!.id}/${copy}`);
      expect(res.statusCode).toBe(200);
      const bytes = res.rawPayload;
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      for (const marker of ['Exif', 'GPS', 'xmp', 'SecretCam']) expect(bytes.includes(marker), `${copy} ${marker}`).toBe(false);
    }
    expect((await signedOut.get(`/photos/${photo!.id}/original.jpg`)).statusCode).toBe(404);

    const doorstep = await signedOut.get('/heritage-nearby?where=NR30+2AA&radius=1');
    expect(doorstep.body).toContain('Palmer’s butcher’s');
    expect(doorstep.body).toContain('Added by local people on Waymark');

    const geojson = JSON.parse((await signedOut.get('/open-data/community-heritage.geojson')).body);
    const feature = geojson.features.find((f: { id: string }) => f.id === id);
    expect(feature.properties).toMatchObject({ credit: 'Maureen', licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/' });
    expect(feature.geometry.type).toBe('Point');
  });

  it('a memory of a place that is taken down goes out of sight with the place, its photos too; its contributor and moderator still see them', async () => {
    const me = await signedIn(contributor);
    const coord = await signedIn(coordinator);
    const place = await me.postMultipart(paths('newPlace'), placeForm({ title: 'The bloater smokehouse', altText: '' }), {});
    const placeId = (place.headers.location as string).split('/').pop()!;
    expect((await coord.post(`/contributions/review/${placeId}`, { decision: 'published' })).statusCode).toBe(303);
    const memory = await me.postMultipart(
      `/places/${placeId}/memories/new`,
      {
        title: 'Smoke in the lane',
        body: 'You smelt it from the Market Place.',
        creditKind: 'anonymous',
        licence: 'cc_by_sa_4',
        altText: 'The lane',
        send: 'send',
      },
      { photo: { name: 'lane.jpg', type: 'image/jpeg', content: await phonePhoto() } },
    );
    expect(memory.statusCode).toBe(303);
    const memoryId = (memory.headers.location as string).split('/').pop()!;
    expect((await coord.post(`/contributions/review/${memoryId}`, { decision: 'published' })).statusCode).toBe(303);
    const [photo] = await t.db.query<{ id: string }>('select id from contribution_photos where contribution_id = $1', [memoryId]);
    const anyone = new Visitor(t.app);
    expect((await anyone.get(`/photos/${photo!.id}/small.jpg`)).statusCode).toBe(200);
    expect((await anyone.get(`/contributions/${memoryId}/report`)).statusCode).toBe(200);

    expect((await me.post(`/contribute/yours/${placeId}/take-down`)).statusCode).toBe(303);
    expect((await anyone.get(`/places/${placeId}`)).statusCode).toBe(404);
    expect((await anyone.get(`/contributions/${memoryId}/report`)).statusCode).toBe(404);
    expect((await anyone.get(`/photos/${photo!.id}/small.jpg`)).statusCode).toBe(404);
    expect((await anyone.get('/open-data/community-heritage.csv')).body).not.toContain('Smoke in the lane');
    for (const v of [me, coord]) expect((await v.get(`/photos/${photo!.id}/small.jpg`)).statusCode).toBe(200);
    expect((await coord.get(`/contributions/review/${memoryId}`)).body).toContain('This place is not published, so memories of it are not shown.');
  });

  it('refuses an HTML file called .jpg, an empty file and a HEIC photo with a message, storing nothing', async () => {
    const me = await signedIn(contributor);
    const before = [await count(t, 'contributions'), await count(t, 'contribution_photos')];
    const cases = [
      { name: 'cat.jpg', content: '<html><script>alert(1)</script></html>', message: 'must be a photo' },
      { name: 'empty.jpg', content: Buffer.alloc(0), message: 'The selected file is empty' },
      { name: 'IMG.HEIC', content: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(32)]), message: 'HEIC' },
    ];
    for (const c of cases) {
      const res = await me.postMultipart(paths('newPlace'), placeForm(), { photo: { name: c.name, type: 'image/jpeg', content: c.content } });
      expect(res.statusCode, c.name).toBe(422);
      expect(res.body).toContain(c.message);
      expect(res.body).toContain('There is a problem');
    }
    expect([await count(t, 'contributions'), await count(t, 'contribution_photos')]).toEqual(before);
  });

  it('shows script and markup typed into every field as text, never as markup', async () => {
    const me = await signedIn(contributor);
    const fields = placeForm({ title: XSS, body: XSS, approximateDate: XSS.slice(0, 50), whereDescription: XSS, creditName: XSS, altText: XSS });
    const res = await me.postMultipart(paths('newPlace'), fields, { photo: { name: 'p.jpg', type: 'image/jpeg', content: await phonePhoto() } });
    expect(res.statusCode).toBe(303);
    const id = (res.headers.location as string).split('/').pop()!;
    const coord = await signedIn(coordinator);
    expect((await coord.get('/contributions/review')).body).toContain('&lt;script&gt;alert(');
    const review = await coord.get(`/contributions/review/${id}`);
    expect(review.body).not.toContain('<script>alert');
    expect(review.body).not.toContain('<b>bold</b>');
    expect(review.body).toContain('&lt;script&gt;');
    await coord.post(`/contributions/review/${id}`, { decision: 'published' });
    for (const url of [`/places/${id}`, '/heritage-nearby?where=NR30+2AA&radius=1', paths('yours'), `/contribute/yours/${id}`]) {
      const v = url.startsWith('/contribute') ? me : new Visitor(t.app);
      const page = await v.get(url);
      expect(page.body, url).not.toContain('<script>alert');
      expect(page.body, url).not.toContain('<b>bold</b>');
      expect(page.body, url).toContain('&lt;script&gt;alert(');
    }
    const csv = (await new Visitor(t.app).get('/open-data/community-heritage.csv')).body;
    expect(csv).toContain('"<script>alert(""x"")</script><b>bold</b>"'); // CSV carries the text as text, quoted
  });

  it('shows script and markup typed into every field of a memory as text on every page it is on', async () => {
    const me = await signedIn(contributor);
    const mark = (field: string) => `<script>alert("${field}")</script><b>${field}</b>`;
    const memory = (over: Record<string, string>) => ({
      title: mark('title'),
      body: mark('story'),
      approximateDate: mark('when'),
      creditKind: 'first_name',
      creditName: mark('credit'),
      licence: 'cc_by_sa_4',
      altText: mark('photo'),
      send: 'send',
      ...over,
    });
    const photo = { photo: { name: 'p.jpg', type: 'image/jpeg', content: await phonePhoto() } };
    const ofPlace = await me.postMultipart('/places/nhle-1096802/memories/new', memory({}), photo);
    const ofActivity = await me.postMultipart(`/activities/${activityId}/memories/new`, memory({ title: mark('activity title') }), {});
    expect([ofPlace.statusCode, ofActivity.statusCode]).toEqual([303, 303]);
    const ids = [ofPlace, ofActivity].map((r) => (r.headers.location as string).split('/').pop()!);
    const coord = await signedIn(coordinator);
    const pages: Record<string, string> = { 'review queue': (await coord.get('/contributions/review')).body };
    for (const id of ids) {
      pages[`review ${id}`] = (await coord.get(`/contributions/review/${id}`)).body;
      expect((await coord.post(`/contributions/review/${id}`, { decision: 'published' })).statusCode).toBe(303);
      pages[`item ${id}`] = (await me.get(`/contribute/yours/${id}`)).body;
    }
    // The moderator was shown which place each memory is about, linked.
    expect(pages[`review ${ids[0]}`]).toContain('This memory is about the place <a href="/places/nhle-1096802">');
    const anyone = new Visitor(t.app);
    pages['place page'] = (await anyone.get('/places/nhle-1096802')).body;
    pages['activity page'] = (await anyone.get(`/activities/${activityId}`)).body;
    pages['what you added'] = (await me.get(paths('yours'))).body;
    for (const [where, body] of Object.entries(pages)) {
      expect(body, where).not.toMatch(/<script>alert|<b>(title|story|when|credit|photo|activity title)<\/b>/);
      expect(body, where).toContain('&lt;script&gt;alert(');
    }
    // Each field reached the public pages as text.
    const asText = (body: string) =>
      body
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;|&#34;/g, '"')
        .replace(/&amp;/g, '&');
    for (const field of ['title', 'story', 'when', 'credit', 'photo']) expect(asText(pages['place page']!)).toContain(`<b>${field}</b>`);
    expect(asText(pages['activity page']!)).toContain('<b>activity title</b>');
  });

  it('lists what is missing before a draft can be sent, and shows the contributor the changes asked for', async () => {
    const me = await signedIn(contributor);
    const draft = await me.postMultipart(
      paths('newPlace'),
      placeForm({ title: 'The bandstand', body: '', creditKind: 'full_name', creditName: '', send: 'draft' }),
      {},
    );
    expect(draft.statusCode).toBe(303);
    const itemUrl = draft.headers.location as string;
    const page = await me.get(itemUrl);
    expect(page.body).toContain('Before you can send it for review, add:');
    expect(page.body).toContain('Why the place matters');
    expect(page.body).toContain('The name to credit');
    const id = itemUrl.split('/').pop()!;
    const refused = await me.post(`/contribute/yours/${id}/send`);
    expect(refused.statusCode).toBe(422);

    const edited = await me.postMultipart(`/contribute/yours/${id}/edit`, placeForm({ title: 'The bandstand', creditKind: 'anonymous', creditName: '' }), {});
    expect(edited.statusCode).toBe(303);
    const coord = await signedIn(coordinator);
    expect((await coord.post(`/contributions/review/${id}`, { decision: 'changes_requested', message: '' })).statusCode).toBe(422);
    await coord.post(`/contributions/review/${id}`, { decision: 'changes_requested', message: 'Which bandstand: the one on the Wellington Pier?' });
    const back = await me.get(itemUrl);
    expect(back.body).toContain('Changes asked for');
    expect(back.body).toContain('Which bandstand: the one on the Wellington Pier?');
  });

  it('a report puts an item first in the queue; three from different people hide it until a moderator keeps it', async () => {
    const me = await signedIn(contributor);
    const res = await me.postMultipart(paths('newPlace'), placeForm({ title: 'The Floral Hall' }), {});
    const id = (res.headers.location as string).split('/').pop()!;
    const coord = await signedIn(coordinator);
    await coord.post(`/contributions/review/${id}`, { decision: 'published' });

    const readers = [await signedIn(await makeUser(t.db, { role: 'contributor' })), await signedIn(provider), new Visitor(t.app)];
    for (let i = 0; i < 3; i++) {
      const reader = readers[i]!;
      await reader.get(`/contributions/${id}/report`);
      const sent = await reader.post(`/contributions/${id}/report`, { reason: 'inaccurate', details: 'It closed in 1970' });
      expect(sent.statusCode).toBe(303);
      // The same person twice counts once.
      await reader.post(`/contributions/${id}/report`, { reason: 'inaccurate' });
      const shown = (await new Visitor(t.app).get(`/places/${id}`)).statusCode;
      expect(shown).toBe(i < 2 ? 200 : 404);
    }
    const queue = (await coord.get('/contributions/review')).body;
    expect(queue.indexOf('The Floral Hall')).toBeLessThan(queue.indexOf('Reports') + 2000);
    expect(queue).toContain('Hidden');
    await coord.post(`/contributions/review/${id}`, { decision: 'published' });
    expect((await new Visitor(t.app).get(`/places/${id}`)).statusCode).toBe(200);
  });

  it('a memory café leader records a story for the group privately: the group sees it, nobody else, and no export carries it', async () => {
    const leader = await signedIn(provider);
    const form = {
      title: 'Dancing at the Tolhouse',
      body: 'We went every Friday.',
      approximateDate: '1960s',
      creditKind: 'group',
      creditName: 'Friday Memory Café',
      licence: 'cc_by_4',
      tellerConsent: 'yes',
      privateToGroup: 'yes',
      send: 'send',
    };
    const res = await leader.postMultipart('/places/nhle-1096802/memories/new', form, {});
    expect(res.statusCode).toBe(303);
    const id = (res.headers.location as string).split('/').pop()!;
    const coord = await signedIn(coordinator);
    expect((await coord.post(`/contributions/review/${id}`, { decision: 'published' })).statusCode).toBe(303);
    expect((await t.db.query<{ status: string }>('select status from contributions where id = $1', [id]))[0]?.status).toBe('published');

    const publicPage = await new Visitor(t.app).get('/places/nhle-1096802');
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('grade I');
    expect(publicPage.body).toContain('https://historicengland.org.uk/listing/the-list/list-entry/1096802');
    expect(publicPage.body).not.toContain('Dancing at the Tolhouse');
    const groupPage = (await leader.get('/places/nhle-1096802')).body;
    expect(groupPage).toContain('Dancing at the Tolhouse');
    expect(groupPage).toContain('Private to the group');
    expect(groupPage).toContain('Shared by Friday Memory Café');
    const open =
      (await new Visitor(t.app).get('/open-data/community-heritage.geojson')).body + (await new Visitor(t.app).get('/open-data/community-heritage.csv')).body;
    expect(open).not.toContain('Dancing at the Tolhouse');

    // "Shown on Waymark only" is shown, and never exported.
    const me = await signedIn(contributor);
    const only = await me.postMultipart(paths('newPlace'), placeForm({ title: 'Nan’s allotment', licence: 'waymark_only' }), {});
    const onlyId = (only.headers.location as string).split('/').pop()!;
    await coord.post(`/contributions/review/${onlyId}`, { decision: 'published' });
    expect((await new Visitor(t.app).get(`/places/${onlyId}`)).body).toContain('Shown on Waymark only');
    const open2 =
      (await new Visitor(t.app).get('/open-data/community-heritage.geojson')).body + (await new Visitor(t.app).get('/open-data/community-heritage.csv')).body;
    expect(open2).not.toContain('Nan’s allotment');
  });

  it('a memory café leader enters a story and a place for a teller privately for the group: the organisation’s staff see them; never the public, other staff, search, the doorstep or the open data', async () => {
    const leader = await signedIn(provider);
    const common = { creditKind: 'group', creditName: 'Tuesday Memory Café', licence: 'cc_by_sa_4', tellerConsent: 'yes', privateToGroup: 'yes', send: 'send' };
    const story = await leader.postMultipart(
      '/places/nhle-1096802/memories/new',
      { ...common, title: 'Quernstone’s cockle stall', body: 'Cockles in vinegar, a penny a cup.', approximateDate: '1940s' },
      {},
    );
    expect(story.statusCode).toBe(303);
    const place = await leader.postMultipart(paths('newPlace'), placeForm({ ...common, title: 'Zebulon’s shrimp shed', altText: '' }), {});
    expect(place.statusCode).toBe(303);
    const placeId = (place.headers.location as string).split('/').pop()!;
    const coord = await signedIn(coordinator);
    for (const loc of [story.headers.location, place.headers.location] as string[]) {
      expect((await coord.post(`/contributions/review/${loc.split('/').pop()}`, { decision: 'published' })).statusCode).toBe(303);
    }
    const rows = await t.db.query<{ status: string; private_to_group: boolean }>(
      `select status, private_to_group from contributions where title in ('Quernstone’s cockle stall', 'Zebulon’s shrimp shed')`,
    );
    expect(rows).toEqual([
      { status: 'published', private_to_group: true },
      { status: 'published', private_to_group: true },
    ]);

    // The organisation's staff see both, marked private to the group.
    const own = (await leader.get('/places/nhle-1096802')).body;
    expect(own).toContain('Quernstone’s cockle stall');
    expect(own).toContain('Private to the group');
    expect((await leader.get(`/places/${placeId}`)).statusCode).toBe(200);

    // Nobody else: the public, another organisation's staff, a contributor, the area's coordinator reading the page.
    const otherOrg = await makeOrganisation(t.db, { name: 'Another Heritage Trust' });
    const others = [
      new Visitor(t.app),
      await signedIn(await makeUser(t.db, { role: 'provider', organisationId: otherOrg })),
      await signedIn(await makeUser(t.db, { role: 'contributor' })),
      coord,
    ];
    for (const other of others) {
      const page = (await other.get('/places/nhle-1096802')).body;
      expect(page).toContain('Tolhouse');
      expect(page).not.toContain('cockle stall');
      expect((await other.get(`/places/${placeId}`)).statusCode).toBe(404);
      expect((await other.get('/heritage-nearby?where=NR30+2AA&radius=1')).body).not.toContain('shrimp shed');
      // The search page repeats the words searched for, so look for the other words of each title.
      expect((await other.get('/activities?q=cockle')).body).not.toContain('Quernstone');
      expect((await other.get('/activities?q=shrimp')).body).not.toContain('Zebulon');
    }
    // A public place beside them is listed, so the absences above are the private rule at work.
    const open1 = await (await signedIn(contributor)).postMultipart(paths('newPlace'), placeForm({ title: 'Ada’s bandstand', altText: '' }), {});
    expect((await coord.post(`/contributions/review/${(open1.headers.location as string).split('/').pop()}`, { decision: 'published' })).statusCode).toBe(303);
    expect((await new Visitor(t.app).get('/heritage-nearby?where=NR30+2AA&radius=1')).body).toContain('Ada’s bandstand');
    const open =
      (await new Visitor(t.app).get('/open-data/community-heritage.geojson')).body + (await new Visitor(t.app).get('/open-data/community-heritage.csv')).body;
    expect(open).toContain('Ada’s bandstand');
    expect(open).not.toContain('cockle stall');
    expect(open).not.toContain('shrimp shed');
  });

  it('gives a contributor everything held about them, and erases them keeping their items anonymously when they choose', async () => {
    const someone = await makeUser(t.db, { role: 'contributor', displayName: 'Zebedee Quernstone' });
    const v = await signedIn(someone);
    const res = await v.postMultipart(
      paths('newPlace'),
      placeForm({ title: 'Quernstone’s bakery', creditKind: 'full_name', creditName: 'Zebedee Quernstone' }),
      {},
    );
    const id = (res.headers.location as string).split('/').pop()!;
    const coord = await signedIn(coordinator);
    await coord.post(`/contributions/review/${id}`, { decision: 'published' });

    const exported = JSON.parse((await v.get('/contribute/your-data.json')).body);
    expect(exported.account.email).toBe(someone.email);
    expect(exported.contributions.map((c: { title: string }) => c.title)).toContain('Quernstone’s bakery');

    expect((await v.post('/contribute/your-data/erase', { choice: 'anonymise' })).statusCode).toBe(422); // not confirmed: nothing happens
    expect((await v.post('/contribute/your-data/erase', { choice: 'anonymise', confirm: 'yes' })).statusCode).toBe(303);
    const page = await new Visitor(t.app).get(`/places/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Shared by Anonymous.');
    const left = await t.db.query(
      `select 1 from users u, contributions c where u.display_name like '%Quernstone%' or u.email = $1 or c.credit_name like '%Zebedee%'`,
      [someone.email],
    );
    expect(left).toEqual([]);
    // The moderation email to them leaves the outbox with the account.
    expect(await t.db.query('select 1 from notifications where lower(recipient) = lower($1)', [someone.email])).toEqual([]);
    expect((await v.get('/contribute/yours')).statusCode).toBe(302); // signed out: the session ended
  });

  it('the provider moderates a memory of its own activity, which then shows on the activity page', async () => {
    const me = await signedIn(contributor);
    const form = {
      title: 'Smoked herring and songs',
      body: 'The smell took me straight back.',
      creditKind: 'first_name',
      creditName: 'Maureen',
      licence: 'cc_by_sa_4',
      send: 'send',
    };
    const res = await me.postMultipart(`/activities/${activityId}/memories/new`, form, {});
    expect(res.statusCode).toBe(303);
    const id = (res.headers.location as string).split('/').pop()!;
    const leader = await signedIn(provider);
    expect((await leader.get('/contributions/review')).body).toContain('Smoked herring and songs');
    expect((await leader.get(`/contributions/review/${id}`)).body).toMatch(
      new RegExp(`This memory is about the activity <a href="/activities/${activityId}">[^<]+</a>\\.`),
    );
    expect((await leader.post(`/contributions/review/${id}`, { decision: 'published' })).statusCode).toBe(303);
    const page = await new Visitor(t.app).get(`/activities/${activityId}`);
    expect(page.body).toContain('Stories from the group');
    expect(page.body).toContain('Smoked herring and songs');
  });

  it('asks a contributor to confirm their email address before they add anything', async () => {
    const unconfirmed = await makeUser(t.db, { role: 'contributor' });
    await t.db.query('update users set email_verified_at = null where email = $1', [unconfirmed.email]);
    const v = await signedIn(unconfirmed);
    const res = await v.postMultipart(paths('newPlace'), placeForm(), {});
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Confirm your email address');
  });
});

function paths(which: 'newPlace' | 'yours') {
  return which === 'newPlace' ? '/contribute/places/new' : '/contribute/yours';
}
