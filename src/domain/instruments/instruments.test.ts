import { describe, expect, it } from 'vitest';
import { bandOf } from './instrument.ts';
import { ONS4 } from './ons4.ts';
import { UCLA3 } from './ucla3.ts';
import { SWEMWBS, SWEMWBS_METRIC, swemwbsMetric } from './swemwbs.ts';
import { WEMWBS } from './wemwbs.ts';
import { PILOT } from './pilot.ts';
import { DEFAULT_QUESTIONNAIRE, INSTRUMENTS, parseAnswers } from './registry.ts';
import { parseWordingFile } from './instrument-wording.ts';
import { dueState, dueTimePoints } from './time-points.ts';

/** The published table, transcribed independently from shared/standards/swemwbs/swemwbs_raw_to_metric.csv. */
const PUBLISHED = `7,7.00 8,9.51 9,11.25 10,12.40 11,13.33 12,14.08 13,14.75 14,15.32 15,15.84 16,16.36 17,16.88 18,17.43
19,17.98 20,18.59 21,19.25 22,19.98 23,20.73 24,21.54 25,22.35 26,23.21 27,24.11 28,25.03 29,26.02 30,27.03 31,28.13 32,29.31
33,30.70 34,32.55 35,35.00`
  .split(/\s+/)
  .map((pair) => pair.split(',').map(Number) as [number, number]);

const allItems = (n: number, value: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i + 1}`, value]));

describe('SWEMWBS', () => {
  it.each(PUBLISHED)('converts raw %i to metric %f', (raw, metric) => {
    expect(swemwbsMetric(raw)).toBe(metric);
  });

  it('has exactly the 29 points of the table', () => {
    expect(PUBLISHED).toHaveLength(29);
    expect(Object.keys(SWEMWBS_METRIC)).toHaveLength(29);
    expect(() => swemwbsMetric(6)).toThrow(RangeError);
    expect(() => swemwbsMetric(36)).toThrow(RangeError);
  });

  it('scores the metric from seven answers and needs every one', () => {
    expect(SWEMWBS.score({ s1: 3, s2: 4, s3: 3, s4: 2, s5: 5, s6: 3, s7: 4 })).toEqual([21.54]); // raw 24
  });

  it('gives no score when any item is missing', () => {
    expect(SWEMWBS.score({ ...allItems(7, 3), s4: null })).toEqual([null]);
    expect(SWEMWBS.score(allItems(6, 3))).toEqual([null]);
  });

  it('ships no item wording', () => {
    expect(SWEMWBS.items.every((i) => i.text === undefined)).toBe(true);
    expect(WEMWBS.items.every((i) => i.text === undefined)).toBe(true);
  });
});

describe('WEMWBS', () => {
  it('totals 14 items from 14 to 70 and needs every item', () => {
    expect(WEMWBS.items).toHaveLength(14);
    expect(WEMWBS.score(allItems(14, 1))).toEqual([14]);
    expect(WEMWBS.score(allItems(14, 5))).toEqual([70]);
    expect(WEMWBS.score({ ...allItems(14, 5), s14: null })).toEqual([null]);
  });
});

describe('ONS4', () => {
  const [life, , , anxiety] = ONS4.measures;
  it.each([
    [0, 'Low'],
    [4, 'Low'],
    [5, 'Medium'],
    [6, 'Medium'],
    [7, 'High'],
    [8, 'High'],
    [9, 'Very high'],
    [10, 'Very high'],
  ])('puts life satisfaction %i in the %s band', (score, band) => expect(bandOf(life!, score)).toBe(band));
  it.each([
    [0, 'Very low'],
    [1, 'Very low'],
    [2, 'Low'],
    [3, 'Low'],
    [4, 'Medium'],
    [5, 'Medium'],
    [6, 'High'],
    [10, 'High'],
  ])('puts anxiety %i in the %s band', (score, band) => expect(bandOf(anxiety!, score)).toBe(band));
  it('uses the same bands for worthwhile and happiness, and lower is better only for anxiety', () => {
    expect(ONS4.measures[1]!.bands).toBe(life!.bands);
    expect(ONS4.measures[2]!.bands).toBe(life!.bands);
    expect(ONS4.measures.map((m) => m.better)).toEqual(['higher', 'higher', 'higher', 'lower']);
  });
  it('scores each question on its own, never summed', () => {
    expect(ONS4.score({ life_satisfaction: 7, worthwhile: null, happiness: 3, anxiety: 8 })).toEqual([7, null, 3, 8]);
  });
});

describe('UCLA 3-item loneliness', () => {
  it('totals 3 to 9 and needs all three answers', () => {
    expect(UCLA3.score({ companionship: 1, left_out: 1, isolated: 1 })).toEqual([3]);
    expect(UCLA3.score({ companionship: 3, left_out: 3, isolated: 3 })).toEqual([9]);
    expect(UCLA3.score({ companionship: 3, left_out: null, isolated: 3 })).toEqual([null]);
  });
});

describe('the questionnaire form', () => {
  it('accepts blanks, rejects answers outside an item’s range, and asks for at least one answer', () => {
    const ok = parseAnswers(DEFAULT_QUESTIONNAIRE, 'baseline', { 'swemwbs-s1': '4', 'pilot-health_contacts': '3', 'ons4-anxiety': '' });
    expect(ok.errors).toEqual([]);
    expect(ok.answers.get('swemwbs')).toMatchObject({ s1: 4, s2: null });
    expect(ok.answers.get('pilot')).toMatchObject({ health_contacts: 3 });
    expect(ok.answers.get('pilot')).not.toHaveProperty('medication'); // not asked at baseline

    const bad = parseAnswers(DEFAULT_QUESTIONNAIRE, 'end', { 'swemwbs-s1': '6', 'pilot-health_contacts': '-1', 'ucla3-left_out': 'often' });
    expect(bad.errors.map((e) => e.field)).toEqual(['swemwbs-s1', 'ucla3-left_out', 'pilot-health_contacts']);

    expect(parseAnswers(DEFAULT_QUESTIONNAIRE, 'end', {}).errors).toEqual([{ field: 'swemwbs-s1', message: 'Answer at least one question' }]);
  });

  it('states a meaningful change with its source for every scale', () => {
    for (const m of INSTRUMENTS.flatMap((i) => i.measures).filter((x) => x.kind === 'scale')) {
      expect(m.meaningfulChange?.points, m.code).toBeGreaterThan(0);
      expect(m.meaningfulChange?.source.length, m.code).toBeGreaterThan(10);
    }
    expect(PILOT.measures.map((m) => m.kind)).toEqual(['count', 'change', 'yes_no', 'scale']);
  });
});

describe('licensed wording files', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => `Test statement ${i + 1}`);
  it('accepts the right number of statements for the instrument', () => {
    const r = parseWordingFile('swemwbs', JSON.stringify({ instrument: 'SWEMWBS', licence: 'Test licence', items: items(7) }));
    expect(r).toEqual({ ok: true, wording: { instrument: 'swemwbs', licence: 'Test licence', items: items(7) } });
  });
  it.each([
    ['not JSON', 'this is not json', 'The wording must be a JSON file'],
    ['too few statements', JSON.stringify({ instrument: 'swemwbs', items: items(6) }), 'SWEMWBS has 7 statements; the file has 6'],
    ['another instrument', JSON.stringify({ instrument: 'wemwbs', items: items(7) }), 'not SWEMWBS'],
    ['an empty statement', JSON.stringify({ instrument: 'swemwbs', items: [...items(6), ' '] }), 'Every statement needs some words'],
    ['no items', JSON.stringify({ instrument: 'swemwbs' }), 'The JSON needs'],
  ])('refuses %s', (_name, text, message) => {
    const r = parseWordingFile('swemwbs', text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors[0]!.message).toContain(message);
  });
  it('refuses wording for instruments that ship theirs', () => {
    expect(parseWordingFile('ons4', '{}').ok).toBe(false);
  });
});

describe('time points', () => {
  const accepted = new Date('2026-09-01T10:00:00Z');
  const closed = new Date('2026-10-01T10:00:00Z');
  it('makes the baseline due at acceptance while the prescription runs', () => {
    expect(dueTimePoints({ status: 'attending', acceptedAt: accepted, firstVisitDate: null, closedAt: null })).toEqual([
      { timePoint: 'baseline', dueOn: accepted },
    ]);
    expect(dueTimePoints({ status: 'sent', acceptedAt: null, firstVisitDate: null, closedAt: null })).toEqual([]);
  });
  it('makes the end due at closure and the follow-up 12 weeks later', () => {
    expect(dueTimePoints({ status: 'completed', acceptedAt: accepted, firstVisitDate: null, closedAt: closed })).toEqual([
      { timePoint: 'end', dueOn: closed },
      { timePoint: 'follow_up', dueOn: new Date('2026-12-24T10:00:00Z') },
    ]);
  });
  it('says due, then overdue after 28 days', () => {
    expect(dueState(closed, new Date('2026-09-30T00:00:00Z'))).toBe('not_yet');
    expect(dueState(closed, new Date('2026-10-29T10:00:00Z'))).toBe('due');
    expect(dueState(closed, new Date('2026-10-29T10:00:01Z'))).toBe('overdue');
  });
});
