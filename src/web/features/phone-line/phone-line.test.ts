import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeSession, makeUser } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

describe.each(ENGINES)('the phone line ($name)', (engine) => {
  let t: TestApp;
  let connector: Visitor;
  let walk: string;
  let code: string;
  const notifications = () =>
    t.db.query<{ channel: string; recipient: string; body: string; forget_recipient: boolean; status: string }>(
      'select channel, recipient, body, forget_recipient, status from notifications order by created_at, id',
    );
  const sends = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from phone_line_sends'))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db, { name: 'Harbour Trust' });
    walk = await makeActivity(t.db, org, await makePlace(t.db, org, { postcode: 'NR30 1AA' }), { title: 'Harbour heritage walk' });
    await makeSession(t.db, walk, { weekday: 2 });
    code = (await t.db.query<{ short_code: string }>('select short_code from activities where id = $1', [walk]))[0]!.short_code;
    const u = await makeUser(t.db, { role: 'connector' });
    connector = new Visitor(t.app);
    await connector.signIn(u.email, u.password);
  });
  afterAll(async () => t.close());

  it('finds a listing from the code a caller reads out, and by words as compact rows', async () => {
    const byCode = await connector.get(`${paths.phoneLine.home}?where=${encodeURIComponent(code.toLowerCase())}`);
    expect(byCode.statusCode).toBe(303);
    expect(byCode.headers.location).toBe(paths.phoneLine.listing(walk));
    const byWords = await connector.get(`${paths.phoneLine.home}?q=walk`);
    expect(byWords.statusCode).toBe(200);
    expect(byWords.body).toContain(`href="${paths.phoneLine.listing(walk)}"`);
    expect(byWords.body).toContain('1 activity found');
  });

  it('reads the listing aloud in plain sentences, with its code spelt out', async () => {
    const page = await connector.get(paths.phoneLine.listing(walk));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Read this to the caller');
    expect(page.body).toContain('Harbour heritage walk is a');
    expect(page.body).toContain(`The listing code is ${code}, that is`);
    expect(page.body).toContain('is not kept after it has been sent');
  });

  it('sends it to the caller by text and forgets the number once it is sent, counting the send only', async () => {
    const bad = await connector.post(paths.phoneLine.send(walk), { channel: 'text', phone: '01493 855746' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a UK mobile number');
    expect(await notifications()).toEqual([]);
    expect(await sends()).toBe(0);

    const res = await connector.post(paths.phoneLine.send(walk), { channel: 'text', phone: '07700 900123' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.phoneLine.listing(walk)}?sent=1`);
    const [queued] = await notifications();
    expect(queued).toMatchObject({ channel: 'text', forget_recipient: true, status: 'pending' });
    expect(queued!.recipient).toMatch(/7700900123$/);
    expect(queued!.body).toContain(`Code ${code}`);
    expect(await sends()).toBe(1);

    await t.services.notify.outbox.deliverPending(10);
    const [delivered] = await notifications();
    expect(delivered!.recipient).toBe('');
    expect(delivered!.status).not.toBe('pending');
  });

  it('logs the call in a few clicks: the signposting form opens with the phone line and the call’s listings ticked', async () => {
    const scheme = await makeScheme(t.db, { outcodes: ['NR30'] });
    const u = await makeUser(t.db, { role: 'connector', schemeId: scheme });
    const onDuty = new Visitor(t.app);
    await onDuty.signIn(u.email, u.password);
    const museum = await makeOrganisation(t.db, { name: 'Time and Tide' });
    const other = await makeActivity(t.db, museum, await makePlace(t.db, museum, { postcode: 'NR30 2AA' }), { title: 'Museum memory café' });

    // The listings looked at during the call travel with it, from page to page.
    const first = await onDuty.get(`${paths.phoneLine.listing(other)}`);
    const second = await onDuty.get(`${paths.phoneLine.listing(walk)}?call=${other}`);
    expect(first.body).toContain('Log this call');
    const logHref = /href="([^"]*signposting[^"]*)">Log this call/.exec(second.body)![1]!.replace(/&amp;/g, '&');
    expect(logHref).toContain('infoPoint=phone_line');

    const form = await onDuty.get(logHref);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="phone_line" checked/);
    expect(form.body).toMatch(new RegExp(`value="${walk}" checked`));
    expect(form.body).toMatch(new RegExp(`value="${other}" checked`));
    expect(form.body).not.toMatch(/name="(name|phone|email|postcode)"/);

    const saved = await onDuty.post(paths.signposting.record, {
      idempotencyKey: /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!,
      from: 'phone',
      heldOnDay: /name="heldOnDay"[^>]*value="(\d+)"/.exec(form.body)![1]!,
      heldOnMonth: /name="heldOnMonth"[^>]*value="(\d+)"/.exec(form.body)![1]!,
      heldOnYear: /name="heldOnYear"[^>]*value="(\d+)"/.exec(form.body)![1]!,
      infoPoint: 'phone_line',
      activityIds: [walk],
      referralFollowed: 'not_known',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${paths.phoneLine.home}?logged=1`);
    const [row] = await t.db.query<{ info_point: string; activity_ids: string[]; connector_id: string }>(
      'select info_point, activity_ids, connector_id from signposting_conversations',
    );
    expect(row).toMatchObject({ info_point: 'phone_line', activity_ids: [walk], connector_id: u.id });
    expect((await onDuty.get(`${paths.phoneLine.home}?logged=1`)).body).toContain('Call logged');
  });

  it('refuses a prefilled call log or a call that is not codes and listing ids (422), recording nothing', async () => {
    const scheme = await makeScheme(t.db, { outcodes: ['NR31'] });
    const u = await makeUser(t.db, { role: 'connector', schemeId: scheme });
    const onDuty = new Visitor(t.app);
    await onDuty.signIn(u.email, u.password);
    expect((await onDuty.get(`${paths.signposting.record}?infoPoint=phone_line&activityIds=Mrs+B+from+Vallis+Way`)).statusCode).toBe(422);
    expect((await onDuty.get(`${paths.signposting.record}?infoPoint=somewhere`)).statusCode).toBe(422);
    expect((await onDuty.get(`${paths.phoneLine.home}?call=not-an-id`)).statusCode).toBe(422);
  });

  it('offers the call log only to connectors, whose record it is; others answering the phone see no link', async () => {
    const p = await makeUser(t.db, { role: 'provider' });
    const provider = new Visitor(t.app);
    await provider.signIn(p.email, p.password);
    const page = await provider.get(paths.phoneLine.listing(walk));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Log this call');
    expect(page.body).toContain('Send by post instead');
  });

  it('prints a posted letter with the listing and its code, addressed for a window envelope, keeping nothing about the caller', async () => {
    const before = await sends();
    const letterForm = await connector.get(`${paths.phoneLine.letter}?call=${walk}`);
    expect(letterForm.statusCode).toBe(200);
    expect(letterForm.body).toContain('Waymark does not keep them');
    expect(letterForm.body).toMatch(new RegExp(`value="${walk}" checked`));

    const bad = await connector.post(`${paths.phoneLine.letter}?call=${walk}`, {
      activityIds: [walk],
      name: '',
      line1: '2 Quay Road',
      town: 'Great Yarmouth',
      postcode: 'NR30',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the caller’s name');
    expect(bad.body).toContain('Enter a full postcode');
    expect(await sends()).toBe(before);

    const letter = await connector.post(`${paths.phoneLine.letter}?call=${walk}`, {
      activityIds: [walk],
      name: 'Edith Marsh',
      line1: '2 Quay Road',
      town: 'Great Yarmouth',
      postcode: 'nr301aa',
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['cache-control']).toBe('no-store');
    expect(letter.body).toContain('Edith Marsh<br>2 Quay Road<br>Great Yarmouth<br>NR30 1AA');
    expect(letter.body).toContain('Harbour heritage walk');
    expect(letter.body).toContain(`Code <strong>${code}</strong>`);
    expect(letter.body).toMatch(/<style nonce="[^"]+">/);
    expect(letter.body).toContain('top: 50mm');
    expect(letter.body).not.toMatch(/<script/);
    const counted = await t.db.query<{ channel: string; activity_count: number }>(
      "select channel, activity_count from phone_line_sends where channel = 'letter'",
    );
    expect(counted).toEqual([{ channel: 'letter', activity_count: 1 }]);
    // Nothing about the caller is kept anywhere: no message, no audit detail, no stored row holds the name.
    const everywhere = await t.db.query<{ n: number }>(
      "select (select count(*) from notifications where body like '%Edith%' or recipient like '%Quay%')::int + (select count(*) from audit_events where detail::text like '%Edith%')::int as n",
    );
    expect(everywhere[0]!.n).toBe(0);
  });

  it('is not for link workers or the public', async () => {
    const lw = await makeUser(t.db, { role: 'link_worker' });
    const linkWorker = new Visitor(t.app);
    await linkWorker.signIn(lw.email, lw.password);
    expect((await linkWorker.get(paths.phoneLine.home)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: paths.phoneLine.home })).statusCode).toBe(302);
  });
});
