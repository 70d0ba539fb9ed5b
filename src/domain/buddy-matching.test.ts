import { describe, expect, it } from 'vitest';
import { rankBuddies, statusBlocks, type BuddyCandidate, type BuddyNeed } from './buddy-matching.ts';

const buddy = (over: Partial<BuddyCandidate>): BuddyCandidate => ({
  id: over.knownAs ?? 'b',
  knownAs: 'Buddy',
  organisationId: 'museum',
  strand: 'heritage_informed',
  status: 'ready',
  easting: 457000,
  northing: 339500,
  travelMiles: 3,
  languages: ['en'],
  availability: ['tue_morning'],
  interests: ['object_handling'],
  capacity: 2,
  load: 0,
  gender: 'woman',
  ...over,
});
const need: BuddyNeed = {
  meetAt: { easting: 457000, northing: 340000 },
  activityOrganisationId: 'castle',
  sessions: [{ day: 'tue', time: '10:00' }],
  interests: ['object_handling'],
  languages: ['ur'],
  preference: 'woman',
};

describe('matching a buddy to a person', () => {
  it('gives every factor a reason and puts the best fit first', () => {
    const [first] = rankBuddies([buddy({ knownAs: 'Amina', languages: ['en', 'ur'] })], need, new Map());
    expect(first!.suitable).toBe(true);
    expect(first!.factors.map((f) => [f.key, f.outcome])).toEqual([
      ['distance', 'good'],
      ['languages', 'good'],
      ['availability', 'good'],
      ['strand', 'good'],
      ['interests', 'good'],
      ['load', 'good'],
      ['checks', 'good'],
      ['preference', 'good'],
    ]);
    expect(first!.factors.find((f) => f.key === 'distance')!.explanation).toBe('0.3 miles from Amina, within the 3 they will travel');
  });

  it('never hides an unsuitable buddy: it is ranked last, saying why', () => {
    const ranked = rankBuddies(
      [
        buddy({ knownAs: 'Alan', strand: 'site_specific', gender: 'man', languages: ['en'] }),
        buddy({ knownAs: 'Amina', languages: ['ur'] }),
        buddy({ knownAs: 'Shirin', languages: ['ur'], status: 'paused' }),
        buddy({ knownAs: 'Bev', languages: ['ur'], load: 2, availability: ['sat_morning'] }),
      ],
      need,
      new Map([['Shirin', statusBlocks({ status: 'paused' })]]),
    );
    expect(ranked.map((r) => [r.buddy.knownAs, r.suitable])).toEqual([
      ['Amina', true],
      ['Shirin', false],
      ['Bev', false],
      ['Alan', false],
    ]);
    const why = (name: string) =>
      ranked
        .find((r) => r.buddy.knownAs === name)!
        .factors.filter((f) => f.outcome === 'fails')
        .map((f) => f.explanation);
    expect(why('Alan')).toEqual([
      'Alan speaks none of Urdu',
      'Alan is a site-specific buddy: they go only to their own organisation’s activities',
      'They would prefer a woman buddy',
    ]);
    expect(why('Shirin')).toEqual(['Taking a break']);
    expect(why('Bev')).toEqual(['Already going with 2 people, their limit']);
    expect(ranked.find((r) => r.buddy.knownAs === 'Bev')!.factors.find((f) => f.key === 'availability')!.outcome).toBe('poor');
  });
});
