import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReferralMessageContext } from '../data/repositories/message-context.repository.ts';
import { HERITAGE_SOURCES, heritageSourceName } from '../domain/heritage-sources.ts';
import { messageDate } from '../domain/message-date.ts';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/referral.ts';
import { participantMessage, providerMessage, referrerMessage } from '../services/notification-messages.ts';
import { doorstepPageView } from './features/doorstep/doorstep.view-model.ts';
import { SHARE_SUPPRESSED, shareText } from './features/reports/report.view-model.ts';

/**
 * Each class of wording mistake is fixed where it comes from (one helper each); these tests keep it
 * that way: the helper is right, and nothing in the code goes round it.
 */
const SRC = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function sources(exts: string[]): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const entry of await readdir(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !exts.some((e) => entry.name.endsWith(e)) || entry.name.includes('.test.')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.includes(`${path.sep}seed${path.sep}`)) continue;
    out.push({ file: path.relative(SRC, file), text: await readFile(file, 'utf8') });
  }
  return out;
}

const offending = async (exts: string[], pattern: RegExp, allowed: string[] = []) =>
  (await sources(exts)).filter((s) => !allowed.includes(s.file) && pattern.test(s.text)).map((s) => s.file);

describe('counts: one pluralise helper (domain/plural.ts)', () => {
  it('is the only place that chooses between one and many', async () => {
    const adHoc = /(?:[!=]==? 1 \? ['"`]|== 1 else|!= 1 }}|"s" if )/;
    expect(await offending(['.ts', '.njk'], adHoc, ['domain/plural.ts'])).toEqual([]);
  });
});

describe('source names: one label map (domain/heritage-sources.ts)', () => {
  it('names every source in words, on the doorstep page too, and never shows a code', async () => {
    for (const s of HERITAGE_SOURCES) expect(heritageSourceName(s.code)).not.toMatch(/_|^Nhle/);
    expect(heritageSourceName('nhle_scheduled_monument')).toBe('National Heritage List for England (scheduled monuments)');
    expect(heritageSourceName('something_new')).toBe('Open heritage data');
    const page = doorstepPageView({ where: 'NR30', radiusMiles: 1, page: 1 }, {
      origin: { label: 'NR30', easting: 0, northing: 0, approximate: false },
      assets: {
        items: [
          { id: 'a', source: 'nhle_scheduled_monument', name: 'Town wall', category: 'Scheduled monument', grade: null, distanceM: 100, url: null },
          { id: 'b', source: 'mapping_museums', name: 'Time and Tide', category: 'Museum - Local Histories', grade: null, distanceM: 200, url: null },
          { id: 'c', source: 'nhle_park_garden', name: 'Gardens', category: 'park_and_garden', grade: 'II', distanceM: 300, url: null },
        ],
        total: 3,
        page: 1,
        pageSize: 20,
      },
    } as never);
    expect(page.items.map((i) => [i.source, i.category])).toEqual([
      ['National Heritage List for England (scheduled monuments)', 'Scheduled monument'],
      ['Mapping Museums (Birkbeck, University of London)', 'Museum - Local Histories'],
      ['National Heritage List for England (registered parks and gardens)', 'Registered park and garden'],
    ]);
    expect(await offending(['.ts'], /replace\(\/\[_-\]\+\/g/)).toEqual([]);
  });
});

describe('percentages: withheld in words about people, never in a count’s wording', () => {
  it('says a share is not shown, and gives a shown share its people', () => {
    expect(shareText({ count: null, percent: null })).toBe(SHARE_SUPPRESSED);
    expect(SHARE_SUPPRESSED).toBe('not shown (fewer than 10 people)');
    expect(shareText({ count: 15, percent: 50 })).toBe('50% (15 people)');
  });
});

describe('dates in messages: one formatter (domain/message-date.ts)', () => {
  const context: ReferralMessageContext = {
    id: 'r1',
    status: 'sent',
    statusReason: null,
    route: 'self',
    schemeId: 's1',
    activityTitle: 'Memory café',
    providerOrganisationId: 'o1',
    providerName: 'Minster Trust',
    providerEmail: null,
    referrerId: null,
    referrerEmail: null,
    referrerOrganisationName: null,
    responseDueAt: new Date('2026-12-04T23:59:00Z'),
    firstVisitDate: '2026-12-09',
    nextSteps: [],
    participant: {
      preferredName: 'Pat',
      contactPreference: 'text',
      email: null,
      phone: '+447700900982',
      address: null,
      postcode: null,
      anonymised: false,
      followUpConsent: true,
    },
  };
  const links = { referral: 'https://waymark.example/r', inbox: 'https://waymark.example/i', search: 'https://waymark.example/s' };

  it('writes dates in words, in London, for every message about a referral', () => {
    expect(messageDate(new Date('2026-12-04T23:59:00Z'))).toBe('Friday 4 December 2026');
    expect(messageDate(new Date('2026-06-30T23:30:00Z'))).toBe('Wednesday 1 July 2026'); // after midnight in London
    expect(messageDate('2026-12-09')).toBe('Wednesday 9 December 2026');
    const bodies = REFERRAL_STATUSES.map((s) => s.code as ReferralStatus).flatMap((to) => [
      referrerMessage(context, to, links),
      providerMessage(context, to, links),
      participantMessage(context, to, links, { short: true }),
      participantMessage(context, to, links, { short: false }),
    ]);
    const text = bodies.flatMap((m) => (m ? [m.subject, m.body] : [])).join('\n');
    expect(text).toContain('Wednesday 9 December 2026');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('is the only way services write a date into words', async () => {
    expect(await offending(['.ts'], /toISOString\(\)\.slice\(0, 10\)/, ['domain/schedule.ts', 'domain/calendar-date.ts'])).toEqual([]);
  });
});
