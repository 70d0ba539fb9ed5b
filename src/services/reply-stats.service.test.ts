import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../test/test-app.ts';
import type { SentReferral } from '../data/repositories/reply-stats.repository.ts';
import { paths } from '../web/paths.ts';
import { makeReferral, makeWorld, type World } from '../../test/fixtures/notify.fixtures.ts';
import { replyStats, replyStatsText } from './reply-stats.service.ts';

const NOW = new Date('2026-11-21T10:00:00Z'); // TEST_NOW
const d = (s: string) => new Date(s);
/** Sent on a Monday, due at the end of the Monday a fortnight later. */
const sent = (respondedAt: string | null, status = respondedAt ? 'accepted' : 'sent'): SentReferral => ({
  sentAt: d('2026-10-05T10:00:00Z'),
  responseDueAt: d('2026-10-19T22:59:59.999Z'),
  respondedAt: respondedAt ? d(respondedAt) : null,
  status,
});

describe('reply statistics', () => {
  it('counts replies in time over referrals with a known outcome, and the median working days', () => {
    const s = replyStats(
      [
        sent('2026-10-05T15:00:00Z'), // same day: 0
        sent('2026-10-07T09:00:00Z'), // 2
        sent('2026-10-08T09:00:00Z'), // 3
        sent('2026-10-12T09:00:00Z'), // 5
        sent('2026-10-23T09:00:00Z'), // 14, late
        sent(null), // never replied, overdue
      ],
      NOW,
    );
    expect(s).toEqual({ counted: 6, repliedInTime: 4, replyRate: 4 / 6, medianWorkingDays: 3 });
    expect(replyStatsText(s)).toBe('Usually replies within 3 working days · replies to 67% of referrals');
  });

  it('leaves out referrals still within their time and ones withdrawn before a reply', () => {
    const waiting: SentReferral = { sentAt: d('2026-11-16T10:00:00Z'), responseDueAt: d('2026-11-30T23:59:59.999Z'), respondedAt: null, status: 'sent' };
    const withdrawn: SentReferral = { ...sent(null), status: 'withdrawn' };
    expect(replyStats([waiting, withdrawn, sent('2026-10-06T09:00:00Z')], NOW).counted).toBe(1);
  });

  it('says nothing below five referrals', () => {
    const four = [1, 2, 3, 4].map(() => sent('2026-10-06T09:00:00Z'));
    expect(replyStatsText(replyStats(four, NOW))).toBeNull();
    expect(replyStatsText(replyStats([...four, sent('2026-10-06T09:00:00Z')], NOW))).toBe(
      'Usually replies within 1 working day · replies to 100% of referrals',
    );
  });

  it('takes the upper of two middle values, rounded up', () => {
    const s = replyStats(
      ['2026-10-06T09:00:00Z', '2026-10-07T09:00:00Z', '2026-10-08T09:00:00Z', '2026-10-09T09:00:00Z', '2026-10-05T11:00:00Z', '2026-10-05T12:00:00Z'].map(
        (t) => sent(t),
      ),
      NOW,
    );
    expect(s.medianWorkingDays).toBe(2); // 0 0 1 2 3 4 → (1 + 2) / 2 rounded up
    expect(
      replyStatsText(
        replyStats(
          [0, 1, 2, 3, 4].map(() => sent('2026-10-05T11:00:00Z')),
          NOW,
        ),
      ),
    ).toBe('Usually replies on the same working day · replies to 100% of referrals');
  });
});

describe.each(ENGINES)('reply statistics on the activity page ($name)', (engine) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeWorld(t.db);
  });
  afterAll(async () => t.close());

  const replied = (respondedAt: string) =>
    makeReferral(t.db, w, {
      status: 'accepted',
      sentAt: d('2026-10-05T10:00:00Z'),
      responseDueAt: d('2026-10-19T22:59:59.999Z'),
      respondedAt: d(respondedAt),
    });

  it('appears only once five referrals in the last 12 months have an outcome', async () => {
    for (const at of ['2026-10-06T09:00:00Z', '2026-10-07T09:00:00Z', '2026-10-08T09:00:00Z', '2026-10-09T09:00:00Z']) await replied(at);
    // Older than 12 months: not counted.
    await makeReferral(t.db, w, {
      status: 'accepted',
      sentAt: d('2025-10-01T10:00:00Z'),
      responseDueAt: d('2025-10-15T22:59:59Z'),
      respondedAt: d('2025-10-02T10:00:00Z'),
    });
    const page = () => new Visitor(t.app).get(paths.activity(w.activity));
    expect((await page()).body).not.toContain('Usually replies');
    await makeReferral(t.db, w, { status: 'sent', sentAt: d('2026-10-05T10:00:00Z'), responseDueAt: d('2026-10-19T22:59:59.999Z') });
    const html = (await page()).body;
    expect(html).toContain('Usually replies within 3 working days · replies to 80% of referrals');
    expect(await t.services.notify.replyStats.forOrganisation(w.providerOrg)).toMatchObject({ counted: 5, repliedInTime: 4 });
  });
});
