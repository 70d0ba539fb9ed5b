import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id3v1, id3v2, mp3Frames } from '../../../../test/fixtures/audio.fixtures.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, type TestApp, Visitor } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

/**
 * Community heritage on heritage walks (issue 11, decision 048): a photo on a walk stop, memories about
 * a stop, and one recording per memory — with the hostile uploads, privacy and erasure rules of decision 042.
 */
const XSS = '<script>alert("x")</script><b>bold</b>';
const decode = (html: string) =>
  html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

async function phonePhoto() {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: '#a64' } })
    .withExif({ IFD0: { Make: 'SecretCam', Model: 'Spyphone 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 36/1 30/1' } })
    .jpeg()
    .toBuffer();
}

/** A recording as a phone app leaves it: ID3 tags naming the person and where it was made. */
const taggedMp3 = () =>
  Buffer.concat([
    id3v2({ TIT2: 'Nan at home', TPE1: 'Zephyrine Quillfeather', COMM: '17 Marramgrass Lane' }),
    mp3Frames(4),
    id3v1('Nan at home', 'Zephyrine Quillfeather'),
  ]);

const memoryForm = (over: Record<string, string> = {}) => ({
  title: 'Washing lines across the Row',
  body: 'Every Monday the Row was a tunnel of sheets.',
  approximateDate: '1950s',
  creditKind: 'first_name',
  creditName: 'Maureen',
  licence: 'cc_by_sa_4',
  send: 'draft',
  ...over,
});

const stopFields = (stop: Record<string, unknown>, over: Record<string, string> = {}) => ({
  name: String(stop.name),
  postcode: String(stop.postcode ?? ''),
  latitude: stop.postcode ? '' : String(stop.latitude),
  longitude: stop.postcode ? '' : String(stop.longitude),
  directions: String(stop.directions),
  story: String(stop.story),
  heritageAssetId: stop.heritage_asset_id ? String(stop.heritage_asset_id) : '',
  contributedPlaceId: '',
  stepFree: stop.step_free ? 'yes' : 'no',
  bench: stop.bench ? 'yes' : '',
  toilet: stop.toilet ? 'yes' : '',
  accessNote: String(stop.access_note),
  legWalkedM: stop.leg_walked_m ? String(stop.leg_walked_m) : '',
  legStepFree: stop.leg_step_free === false ? 'no' : 'yes',
  legSurface: String(stop.leg_surface ?? 'paved'),
  legGradient: String(stop.leg_gradient ?? 'flat'),
  legBench: stop.leg_bench ? 'yes' : '',
  ...over,
});

describe.each(ENGINES)('photos, memories and recordings on heritage walks ($name)', (engine) => {
  let t: TestApp;
  let walkId: string;
  let stops: Record<string, unknown>[];
  const as = async (email: string) => {
    const v = new Visitor(t.app);
    await v.signIn(email);
    return v;
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(sql, params))[0]!.n);
  const idFrom = (location: unknown) => String(location).split('/').pop()!;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    walkId = (await t.db.query<{ id: string }>(`select id from walks where town = 'Great Yarmouth'`))[0]!.id;
    stops = await t.db.query('select * from walk_stops where walk_id = $1 order by position', [walkId]);
  });
  afterAll(async () => t.close());

  it('shows the demo stop photo and the demo memory under their stop, and lists the photo, credited, in the open data', async () => {
    const html = decode((await new Visitor(t.app).get(paths.walks.walk(walkId))).body);
    const row111 = html.slice(html.indexOf('id="stop-3"'), html.indexOf('id="stop-4"'));
    expect(row111).toContain('alt="Drawing of a Yarmouth Row');
    expect(row111).toContain('Photo: Yarmouth Heritage Trust (drawing)');
    expect(row111).toContain('Memories of this stop');
    expect(row111).toContain('Hopscotch in Row 111');
    expect(row111).toContain('Add a memory about this stop');
    const geo = JSON.parse((await new Visitor(t.app).get(paths.walks.openData)).body);
    const stop = geo.features.find((f: { id: string }) => f.id === stops[2]!.id);
    expect(stop.properties.photo).toMatchObject({ credit: 'Yarmouth Heritage Trust (drawing)', licence: 'CC BY-SA 4.0' });
    const served = await new Visitor(t.app).get(new URL(stop.properties.photo.url).pathname);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const card = (await new Visitor(t.app).get(paths.walks.routeCard(walkId))).body;
    expect(card).toContain('src="data:image/jpeg;base64,');
  });

  it('a coordinator adds a stop photo through the photo pipeline: described, credited, without camera metadata; replaced, removed, and gone with its stop', async () => {
    const coord = await as('coordinator@waymark.example');
    const stop = stops[4]!;
    const url = paths.walks.stopEdit(walkId, String(stop.id));
    const before = await count('select count(*)::int as n from contribution_photos');

    // Refused beside the field, nothing stored: no description, no credit, an HTML page called .jpg, an empty file.
    const photo = { name: 'IMG_1.jpg', type: 'image/jpeg', content: await phonePhoto() };
    const noAlt = await coord.postMultipart(url, stopFields(stop, { photoCredit: 'Sam' }), { photo });
    expect(noAlt.statusCode).toBe(422);
    expect(noAlt.body).toContain('Describe what the photo shows');
    const noCredit = await coord.postMultipart(url, stopFields(stop, { altText: 'The Tolhouse door' }), { photo });
    expect(noCredit.statusCode).toBe(422);
    expect(noCredit.body).toContain('Say who took the photo');
    for (const bad of [
      { content: '<html><script>alert(1)</script></html>', message: 'must be a photo' },
      { content: Buffer.alloc(0), message: 'The selected file is empty' },
    ]) {
      const res = await coord.postMultipart(url, stopFields(stop, { altText: 'x', photoCredit: 'y' }), { photo: { ...photo, content: bad.content } });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(bad.message);
    }
    expect(await count('select count(*)::int as n from contribution_photos')).toBe(before);

    const saved = await coord.postMultipart(url, stopFields(stop, { altText: XSS, photoCredit: 'Sam Clarke' }), { photo });
    expect(saved.statusCode).toBe(303);
    const [row] = await t.db.query<{ id: string; added_by: string }>('select id, added_by from contribution_photos where walk_stop_id = $1', [stop.id]);
    expect(row).toBeDefined();
    const page = (await new Visitor(t.app).get(paths.walks.walk(walkId))).body;
    expect(page).toContain('Photo: Sam Clarke');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;');
    for (const copy of ['small.jpg', 'large.webp']) {
      const res = await new Visitor(t.app).get(paths.photo(row!.id, copy));
      expect(res.statusCode).toBe(200);
      expect((await sharp(res.rawPayload).metadata()).exif).toBeUndefined();
      expect(res.rawPayload.includes('SecretCam')).toBe(false);
    }

    // A new photo replaces the old; "remove" removes it.
    await coord.postMultipart(url, stopFields(stop, { altText: 'The Tolhouse, again', photoCredit: 'Sam Clarke' }), { photo });
    expect(await count('select count(*)::int as n from contribution_photos where walk_stop_id = $1', [stop.id])).toBe(1);
    expect((await new Visitor(t.app).get(paths.photo(row!.id, 'small.jpg'))).statusCode).toBe(404);
    expect((await coord.postMultipart(url, stopFields(stop, { removePhoto: 'yes' }), {})).statusCode).toBe(303);
    expect(await count('select count(*)::int as n from contribution_photos where walk_stop_id = $1', [stop.id])).toBe(0);

    // Deleting a stop deletes its photo (the owner cascades).
    await coord.postMultipart(url, stopFields(stop, { altText: 'The Tolhouse door', photoCredit: 'Sam Clarke' }), { photo });
    expect(await count('select count(*)::int as n from contribution_photos where walk_stop_id = $1', [stop.id])).toBe(1);
    expect((await coord.post(paths.walks.stopDelete(walkId, String(stop.id)))).statusCode).toBe(303);
    expect(await count('select count(*)::int as n from contribution_photos where walk_stop_id = $1', [stop.id])).toBe(0);
  });

  it('a stop photo on a draft walk is seen only by those who may edit the walk', async () => {
    const coord = await as('coordinator@waymark.example');
    const stop = stops[0]!;
    await coord.postMultipart(paths.walks.stopEdit(walkId, String(stop.id)), stopFields(stop, { altText: 'South Quay', photoCredit: 'Priya' }), {
      photo: { name: 'q.jpg', type: 'image/jpeg', content: await phonePhoto() },
    });
    const [row] = await t.db.query<{ id: string }>('select id from contribution_photos where walk_stop_id = $1', [stop.id]);
    await coord.post(paths.walks.unpublish(walkId));
    try {
      expect((await new Visitor(t.app).get(paths.photo(row!.id, 'small.jpg'))).statusCode).toBe(404);
      expect((await (await as('provider.frome@waymark.example')).get(paths.photo(row!.id, 'small.jpg'))).statusCode).toBe(404);
      expect((await coord.get(paths.photo(row!.id, 'small.jpg'))).statusCode).toBe(200);
      expect((await (await as('provider.yarmouth@waymark.example')).get(paths.photo(row!.id, 'small.jpg'))).statusCode).toBe(200);
    } finally {
      expect((await coord.post(paths.walks.publish(walkId))).statusCode).toBe(303);
    }
  });

  it('the photo and recording of a memory about a stop go out of sight with the memory while its walk is a draft; its contributor and moderator keep them', async () => {
    const me = await as('contributor.yarmouth@waymark.example');
    const made = await me.postMultipart(
      paths.walks.stopMemoryNew(walkId, String(stops[5]!.id)),
      memoryForm({ title: 'Nets drying on the Denes', altText: 'Nets on poles' }),
      { photo: { name: 'n.jpg', type: 'image/jpeg', content: await phonePhoto() } },
    );
    expect(made.statusCode).toBe(303);
    const id = idFrom(made.headers.location);
    await me.postMultipart(
      paths.contribute.recording(id),
      { transcript: 'The nets smelt of tar.' },
      { recording: { name: 'r.mp3', type: 'audio/mpeg', content: taggedMp3() } },
    );
    expect((await me.post(paths.contribute.send(id))).statusCode).toBe(303);
    const coord = await as('coordinator@waymark.example');
    expect((await coord.post(`/contributions/review/${id}`, { decision: 'published' })).statusCode).toBe(303);
    const [photo] = await t.db.query<{ id: string }>('select id from contribution_photos where contribution_id = $1', [id]);
    const [rec] = await t.db.query<{ id: string }>('select id from contribution_recordings where contribution_id = $1', [id]);
    const media = [paths.photo(photo!.id, 'small.jpg'), paths.photo(photo!.id, 'large.webp'), paths.recording(rec!.id)];
    for (const url of media) expect((await new Visitor(t.app).get(url)).statusCode, url).toBe(200);

    await coord.post(paths.walks.unpublish(walkId));
    try {
      const outsiders = [new Visitor(t.app), await as('provider.frome@waymark.example'), await as('coordinator.frome@waymark.example')];
      for (const v of outsiders) {
        expect((await v.get(`/contributions/${id}/report`)).statusCode).toBe(404);
        for (const url of media) expect((await v.get(url)).statusCode, url).toBe(404);
      }
      const open = (await new Visitor(t.app).get('/open-data/community-heritage.csv')).body;
      expect(open).not.toContain('Nets drying');
      for (const v of [me, coord]) for (const url of media) expect((await v.get(url)).statusCode, url).toBe(200);
      const review = decode((await coord.get(`/contributions/review/${id}`)).body);
      expect(review).toMatch(
        new RegExp(`<a href="${paths.walks.stopEdit(walkId, String(stops[5]!.id))}">Stop \\d+, ${stops[5]!.name}, on “Great Yarmouth’s Rows”</a>`),
      );
      expect(review).toContain('This walk is a draft, so memories of its stops are not shown until it is published again.');
    } finally {
      expect((await coord.post(paths.walks.publish(walkId))).statusCode).toBe(303);
    }
    for (const url of media) expect((await new Visitor(t.app).get(url)).statusCode, url).toBe(200);
  });

  it('a memory about a stop is moderated like other memories and shown under the stop once published', async () => {
    const stop = stops[1]!;
    const me = await as('contributor.yarmouth@waymark.example');
    const form = await me.get(paths.walks.stopMemoryNew(walkId, String(stop.id)));
    expect(decode(form.body)).toContain('Add a memory of stop 2 of Great Yarmouth’s Rows, Nelson Museum');
    const res = await me.postMultipart(paths.walks.stopMemoryNew(walkId, String(stop.id)), memoryForm({ title: XSS, send: 'send' }), {});
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    expect((await new Visitor(t.app).get(paths.walks.walk(walkId))).body).not.toContain('alert(&quot;x&quot;)');

    const coord = await as('coordinator@waymark.example');
    expect((await coord.get('/contributions/review')).body).toContain('&lt;script&gt;');
    // The moderator sees which stop it is about, with a link to it.
    const review = decode((await coord.get(`/contributions/review/${id}`)).body);
    expect(review).toContain(
      `This memory is about the walk stop <a href="${paths.walks.walk(walkId)}#stop-2">Stop 2, Nelson Museum, 26 South Quay, on “Great Yarmouth’s Rows”</a>.`,
    );
    expect((await coord.post(`/contributions/review/${id}`, { decision: 'published' })).statusCode).toBe(303);
    const page = (await new Visitor(t.app).get(paths.walks.walk(walkId))).body;
    const stop2 = page.slice(page.indexOf('id="stop-2"'), page.indexOf('id="stop-3"'));
    expect(stop2).toContain('&lt;script&gt;alert');
    expect(stop2).not.toContain('<script>alert');
    expect(stop2).not.toContain('<b>bold</b>');
    const report = await new Visitor(t.app).get(`/contributions/${id}/report`);
    expect(report.statusCode).toBe(200);

    const open = JSON.parse((await new Visitor(t.app).get('/open-data/community-heritage.geojson')).body);
    const feature = open.features.find((f: { id: string }) => f.id === id);
    expect(feature.properties.url).toContain(`${paths.walks.walk(walkId)}#stop-2`);
    expect(feature.properties.about).toBe('Nelson Museum, 26 South Quay');
    expect(feature.geometry.type).toBe('Point');

    // A stop of another walk under this walk's address is not found.
    const other = (await t.db.query<{ id: string }>(`select s.id from walk_stops s join walks w on w.id = s.walk_id where w.town = 'Frome' limit 1`))[0]!;
    expect((await me.get(paths.walks.stopMemoryNew(walkId, other.id))).statusCode).toBe(404);
  });

  it('a memory kept private to the group on a stop is seen by the group only: never the public, other staff, the open data', async () => {
    const stop = stops[2]!;
    const leader = await as('provider.yarmouth@waymark.example');
    const res = await leader.postMultipart(
      paths.walks.stopMemoryNew(walkId, String(stop.id)),
      memoryForm({
        title: 'Quernstone’s washing mangle',
        creditKind: 'group',
        creditName: 'Row Memories Group',
        tellerConsent: 'yes',
        privateToGroup: 'yes',
        send: 'send',
      }),
      {},
    );
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    const coord = await as('coordinator@waymark.example');
    expect((await coord.post(`/contributions/review/${id}`, { decision: 'published' })).statusCode).toBe(303);

    expect(decode((await leader.get(paths.walks.walk(walkId))).body)).toContain('Quernstone’s washing mangle');
    for (const other of [new Visitor(t.app), coord, await as('provider.frome@waymark.example'), await as('contributor.yarmouth@waymark.example')]) {
      expect(decode((await other.get(paths.walks.walk(walkId))).body)).not.toContain('Quernstone');
      expect((await other.get(`/contributions/${id}/report`)).statusCode).toBe(404);
    }
    const open =
      (await new Visitor(t.app).get('/open-data/community-heritage.geojson')).body + (await new Visitor(t.app).get('/open-data/community-heritage.csv')).body;
    expect(open).toContain('Hopscotch in Row 111');
    expect(open).not.toContain('Quernstone');
  });

  it('a memory’s recording: tags removed, served with its type to those who may see the memory, with its transcript as its text alternative', async () => {
    const me = await as('contributor.yarmouth@waymark.example');
    const draft = await me.postMultipart(paths.walks.stopMemoryNew(walkId, String(stops[3]!.id)), memoryForm({ title: 'Singing in Row 117' }), {});
    const id = idFrom(draft.headers.location);
    const url = paths.contribute.recording(id);
    const recordings = () => count('select count(*)::int as n from contribution_recordings where contribution_id = $1', [id]);

    // Hostile and unreadable files: a message beside the field, nothing stored.
    const whole = mp3Frames(2);
    for (const bad of [
      { name: 'empty.mp3', content: Buffer.alloc(0), message: 'The selected file is empty' },
      { name: 'page.mp3', content: '<!doctype html><script>alert(1)</script>', message: 'must be a recording: an MP3 or WAV file' },
      { name: 'cut.mp3', content: whole.subarray(0, whole.length - 50), message: 'damaged or only partly uploaded' },
      { name: 'voice.m4a', content: Buffer.concat([Buffer.from([0, 0, 0, 32]), Buffer.from('ftypM4A '), Buffer.alloc(64)]), message: 'Save it as an MP3' },
      { name: 'huge.mp3', content: Buffer.alloc(20 * 1024 * 1024 + 10, 0xff), message: 'smaller than 20 MB' },
    ]) {
      const res = await me.postMultipart(url, { transcript: 'Words' }, { recording: { name: bad.name, type: 'audio/mpeg', content: bad.content } });
      expect(res.statusCode, bad.name).toBe(422);
      expect(res.body, bad.name).toContain(bad.message);
    }
    const noTranscript = await me.postMultipart(url, { transcript: ' ' }, { recording: { name: 'a.mp3', type: 'audio/mpeg', content: taggedMp3() } });
    expect(noTranscript.statusCode).toBe(422);
    expect(noTranscript.body).toContain('Write what is said in the recording');
    expect(await recordings()).toBe(0);

    const added = await me.postMultipart(
      url,
      { transcript: `We sang all the way down the Row.\n\n${XSS}` },
      {
        recording: { name: 'Nan.mp3', type: 'audio/mpeg', content: taggedMp3() },
      },
    );
    expect(added.statusCode).toBe(303);
    const [rec] = await t.db.query<{ id: string }>('select id from contribution_recordings where contribution_id = $1', [id]);
    const own = await me.get(paths.recording(rec!.id));
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('audio/mpeg');
    for (const marker of ['ID3', 'TAG', 'Zephyrine', 'Marramgrass', 'Nan at home']) expect(own.rawPayload.includes(marker), marker).toBe(false);
    expect(own.rawPayload.equals(mp3Frames(4))).toBe(true);
    expect((await new Visitor(t.app).get(paths.recording(rec!.id))).statusCode).toBe(404); // a draft: only its contributor

    expect((await me.post(paths.contribute.send(id))).statusCode).toBe(303);
    expect((await me.get(url)).statusCode).toBe(404); // sent for review: no longer changed
    const coord = await as('coordinator@waymark.example');
    expect((await coord.get(paths.recording(rec!.id))).statusCode).toBe(200); // the moderator hears it
    await coord.post(`/contributions/review/${id}`, { decision: 'published' });

    const page = (await new Visitor(t.app).get(paths.walks.walk(walkId))).body;
    expect(page).toContain(`<audio controls preload="none" src="${paths.recording(rec!.id)}">`);
    expect(page).toContain('We sang all the way down the Row.');
    expect(page).toContain('&lt;script&gt;alert');
    expect(page).not.toContain('<script>alert');
    expect((await new Visitor(t.app).get(paths.recording(rec!.id))).statusCode).toBe(200);
    const open = JSON.parse((await new Visitor(t.app).get('/open-data/community-heritage.geojson')).body);
    expect(open.features.find((f: { id: string }) => f.id === id).properties.recording).toMatch(new RegExp(`${paths.recording(rec!.id)}$`));
  });

  it('a contributor’s export includes their recordings; erasure removes recordings whichever they choose', async () => {
    const v = await as('contributor.yarmouth@waymark.example');
    const make = async (title: string) => {
      const res = await v.postMultipart(paths.walks.stopMemoryNew(walkId, String(stops[5]!.id)), memoryForm({ title }), {});
      const id = idFrom(res.headers.location);
      await v.postMultipart(
        paths.contribute.recording(id),
        { transcript: `Transcript of ${title}` },
        {
          recording: { name: 'r.mp3', type: 'audio/mpeg', content: taggedMp3() },
        },
      );
      return id;
    };
    const id = await make('Fishing off the wall');
    const exported = JSON.parse((await v.get(paths.contribute.yourDataJson)).body);
    const item = exported.contributions.find((c: { title: string }) => c.title === 'Fishing off the wall');
    expect(item.recording).toMatchObject({ transcript: 'Transcript of Fishing off the wall', format: 'MP3', copy: expect.stringMatching(/^\/recordings\//) });
    expect((await v.post(paths.contribute.yourDataErase, { choice: 'anonymise', confirm: 'yes' })).statusCode).toBe(303);
    expect((await t.db.query<{ title: string }>('select title from contributions where id = $1', [id]))[0]?.title).toBe('Fishing off the wall');
    expect(
      await count(
        'select count(*)::int as n from contribution_recordings r join contributions c on c.id = r.contribution_id where c.contributor_id is null and c.title = $1',
        ['Fishing off the wall'],
      ),
    ).toBe(0);
    expect(await count(`select count(*)::int as n from contribution_recordings where transcript like 'Transcript of%'`)).toBe(0);
  });
});
