import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeScheme, makeUser } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { HAND_OFF_CONSENT_WORDS } from '../../../domain/link-worker-request.ts';
import { paths } from '../../paths.ts';

const DAY = 24 * 3600 * 1000;

describe.each(ENGINES)('handing a caller to a link worker ($name)', (engine) => {
  let t: TestApp;
  let yarmouth: string;
  let frome: string;
  let connector: Visitor;
  let linkWorker: Visitor;
  let colleague: Visitor;
  let otherLinkWorker: Visitor;
  let coordinator: Visitor;
  const requests = () =>
    t.db.query<{
      id: string;
      scheme_id: string;
      preferred_name: string | null;
      phone: string | null;
      email: string | null;
      postcode: string | null;
      status: string;
      consent_words: string;
    }>('select id, scheme_id, preferred_name, phone, email, postcode, status, consent_words from link_worker_requests order by created_at, id');
  const signedIn = async (role: 'connector' | 'link_worker' | 'coordinator', schemeId: string, displayName = 'Test Person') => {
    const u = await makeUser(t.db, { role, schemeId, displayName });
    const v = new Visitor(t.app);
    await v.signIn(u.email, u.password);
    return v;
  };
  const handOff = (over: Record<string, string | string[]> = {}) => ({
    postcode: 'NR30 1NE',
    schemeId: yarmouth,
    preferredName: 'Maggie',
    contactPreference: 'phone',
    phone: '01493 855746',
    email: '',
    needs: ['loneliness', 'confidence'],
    note: 'Mornings are best',
    consent: 'yes',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    yarmouth = await makeScheme(t.db, { name: 'Yarmouth Wellbeing', outcodes: ['NR30', 'NR31'] });
    frome = await makeScheme(t.db, { name: 'Frome Wellbeing', outcodes: ['BA11'] });
    connector = await signedIn('connector', yarmouth);
    linkWorker = await signedIn('link_worker', yarmouth, 'Lena Link');
    colleague = await signedIn('link_worker', yarmouth, 'Colin Colleague');
    otherLinkWorker = await signedIn('link_worker', frome);
    coordinator = await signedIn('coordinator', yarmouth);
  });
  afterAll(async () => t.close());

  it('finds the schemes covering the caller’s postcode, and says so clearly when none does', async () => {
    const home = await connector.get(paths.phoneLine.home);
    expect(home.body).toContain(`href="${paths.phoneLine.handOff}"`);

    const found = await connector.get(`${paths.phoneLine.handOff}?postcode=nr30+1ne`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Yarmouth Wellbeing');
    expect(found.body).not.toContain('Frome Wellbeing');
    expect(found.body).toContain(HAND_OFF_CONSENT_WORDS);

    const none = await connector.get(`${paths.phoneLine.handOff}?postcode=LS1+1AA`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No scheme covers LS11AA');
    expect(none.body).toContain('Frome Wellbeing');
    expect(none.body).not.toContain('name="consent"');

    const bad = await connector.get(`${paths.phoneLine.handOff}?postcode=hello`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the caller’s postcode, like NR30 1NE');
  });

  it('refuses without the caller’s agreement or a way to contact them, next to the fields, and stores nothing', async () => {
    const res = await connector.post(paths.phoneLine.handOff, handOff({ consent: '', phone: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ask the caller if they agree, and tick the box if they do');
    expect(res.body).toContain('Enter a phone number, as they would like a phone call');
    expect(await requests()).toEqual([]);

    const wrongScheme = await connector.post(paths.phoneLine.handOff, handOff({ schemeId: frome }));
    expect(wrongScheme.statusCode).toBe(422);
    expect(wrongScheme.body).toContain('Choose a scheme that covers the caller’s postcode');
    expect(await requests()).toEqual([]);
  });

  it('puts the request in the scheme’s queue with the words agreed to, and prefills the call log', async () => {
    const res = await connector.post(paths.phoneLine.handOff, handOff());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.phoneLine.home}?handedOff=1`);
    const back = await connector.get(res.headers.location as string);
    expect(back.body).toContain('Handed to a link worker');
    expect(back.body).toContain('linkWorker=yes&amp;referralFollowed=yes');
    expect(back.body).not.toContain('activities found');
    const [r] = await requests();
    expect(r).toMatchObject({ scheme_id: yarmouth, preferred_name: 'Maggie', phone: '+441493855746', postcode: 'NR301NE', status: 'open' });
    expect(r!.consent_words).toBe(HAND_OFF_CONSENT_WORDS);
  });

  it('shows the queue to the scheme’s link workers and, read-only, its coordinator; not to another scheme', async () => {
    const mine = await linkWorker.get(paths.caseload.list);
    expect(mine.body).toContain('People asking to talk to a link worker');
    expect(mine.body).toContain('Maggie');
    expect(mine.body).toContain('Loneliness and isolation');
    expect(mine.body).toContain('Asked today');
    const [r] = await requests();
    expect(mine.body).toContain(paths.caseload.takeRequest(r!.id));

    const coord = await coordinator.get(paths.caseload.list);
    expect(coord.body).toContain('Maggie');
    expect(coord.body).not.toContain(paths.caseload.takeRequest(r!.id));

    const other = await otherLinkWorker.get(paths.caseload.list);
    expect(other.body).not.toContain('Maggie');
    expect((await otherLinkWorker.post(paths.caseload.takeRequest(r!.id))).statusCode).toBe(404);
    expect((await coordinator.post(paths.caseload.takeRequest(r!.id))).statusCode).toBe(403);
  });

  it('lets one link worker take it at a time: the person joins their caseload and the request keeps no contact details', async () => {
    const [r] = await requests();
    const [a, b] = await Promise.all([linkWorker.post(paths.caseload.takeRequest(r!.id)), colleague.post(paths.caseload.takeRequest(r!.id))]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([303, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.body).toMatch(/already been taken by (Lena Link|Colin Colleague)/);

    const people = await t.db.query<{ id: string; preferred_name: string; phone: string; postcode: string; needs: string[]; what_matters: string }>(
      `select id, preferred_name, phone, postcode, needs, what_matters from participants where preferred_name = 'Maggie'`,
    );
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ phone: '+441493855746', postcode: 'NR301NE', needs: ['loneliness', 'confidence'], what_matters: 'Mornings are best' });
    const consent = await t.db.query<{ purpose: string; note: string }>('select purpose, note from consents where participant_id = $1', [people[0]!.id]);
    expect(consent).toEqual([{ purpose: 'follow_up', note: HAND_OFF_CONSENT_WORDS }]);

    const [after] = await requests();
    expect(after).toMatchObject({ status: 'taken', preferred_name: null, phone: null, email: null, postcode: null });
    const winner = a.statusCode === 303 ? a : b;
    expect(winner.headers.location).toBe(`${paths.caseload.participant(people[0]!.id)}?done=taken`);
    expect((await linkWorker.get(paths.caseload.list)).body).toContain('Nobody is waiting');
  });

  it('lets the scheme close a request nobody will take, removing the caller’s details', async () => {
    await connector.post(paths.phoneLine.handOff, handOff({ preferredName: 'Tom', phone: '07700 900321' }));
    const tom = (await requests()).find((r) => r.preferred_name === 'Tom')!;
    expect((await otherLinkWorker.post(paths.caseload.closeRequest(tom.id))).statusCode).toBe(404);
    const closed = await coordinator.post(paths.caseload.closeRequest(tom.id));
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(`${paths.caseload.list}?done=closed`);
    expect((await requests()).find((r) => r.id === tom.id)).toMatchObject({ status: 'closed', preferred_name: null, phone: null, postcode: null });
    expect((await linkWorker.post(paths.caseload.closeRequest(tom.id))).statusCode).toBe(409);
    expect((await linkWorker.post(paths.caseload.takeRequest(tom.id))).statusCode).toBe(409);
  });

  it('flags a request nobody took after 2 working days to the coordinators once, and deletes untaken ones after 90 days', async () => {
    await connector.post(paths.phoneLine.handOff, handOff({ preferredName: 'Sid', contactPreference: 'email', phone: '', email: 'sid@example.org' }));
    const outbox = () => t.db.query<{ subject: string; body: string }>(`select subject, body from notifications where subject like 'People waiting%'`);
    const now = new Date(TEST_NOW);
    expect(await t.services.linkWorkerRequests.flagAndPurge(now)).toEqual({ flagged: 0, purged: 0 });
    const later = new Date(now.getTime() + 7 * DAY);
    expect(await t.services.linkWorkerRequests.flagAndPurge(later)).toEqual({ flagged: 1, purged: 0 });
    expect(await t.services.linkWorkerRequests.flagAndPurge(later)).toEqual({ flagged: 0, purged: 0 });
    const mail = await outbox();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain('1 person asked on the phone line');
    expect(mail[0]!.body).not.toContain('Sid');

    // Sid's (never taken) and Tom's (closed) go; Maggie's taken request stays, holding nothing about her.
    expect(await t.services.linkWorkerRequests.flagAndPurge(new Date(now.getTime() + 91 * DAY))).toEqual({ flagged: 0, purged: 2 });
    expect(await requests()).toHaveLength(1);
    // Nothing of either caller remains in the queue: the taken one was blanked, the untaken one deleted.
    const left = await t.db.query<{ text: string }>('select row_to_json(r)::text as text from link_worker_requests r');
    for (const row of left) {
      for (const trace of ['Maggie', 'Sid', 'Tom', '7700900321', '1493855746', 'sid@example.org', 'NR301NE', 'Mornings']) expect(row.text).not.toContain(trace);
    }
  });

  it('asks which scheme when several cover the postcode, and accepts either', async () => {
    const second = await makeScheme(t.db, { name: 'Gorleston Friends', outcodes: ['NR30'] });
    const page = await connector.get(`${paths.phoneLine.handOff}?postcode=NR30+1NE`);
    expect(page.body).toContain('Yarmouth Wellbeing');
    expect(page.body).toContain('Gorleston Friends');
    expect(page.body).not.toMatch(/name="schemeId"[^>]*checked/);
    const res = await connector.post(paths.phoneLine.handOff, handOff({ schemeId: second, preferredName: 'Ivy' }));
    expect(res.statusCode).toBe(303);
    expect((await requests()).find((r) => r.preferred_name === 'Ivy')).toMatchObject({ scheme_id: second, status: 'open' });
    expect((await linkWorker.get(paths.caseload.list)).body).not.toContain('Ivy');
  });
});
