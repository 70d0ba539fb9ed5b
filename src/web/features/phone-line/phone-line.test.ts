import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeSession, makeUser } from '../../../../test/factories.ts';
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

  it('is not for link workers or the public', async () => {
    const lw = await makeUser(t.db, { role: 'link_worker' });
    const linkWorker = new Visitor(t.app);
    await linkWorker.signIn(lw.email, lw.password);
    expect((await linkWorker.get(paths.phoneLine.home)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: paths.phoneLine.home })).statusCode).toBe(302);
  });
});
