import { describe, expect, it } from 'vitest';
import { FACTORS, rankActivities, reasonsNotSuitable, scoreActivity, type MatchActivity, type MatchPerson } from './matching.ts';

const MILE = 1609.344;

const person = (over: Partial<MatchPerson> = {}): MatchPerson => ({
  easting: 650000,
  northing: 300000,
  needs: [],
  interests: [],
  barriers: [],
  accessNeeds: [],
  languages: ['en'],
  availableDays: [],
  availableTimes: [],
  ...over,
});

const activity = (over: Partial<MatchActivity> = {}): MatchActivity => ({
  id: 'a1',
  title: 'Heritage walk',
  easting: 650000,
  northing: 300000 + MILE,
  activityTypes: ['walk'],
  needs: ['loneliness'],
  costType: 'free',
  pricePence: null,
  fundedPlaces: null,
  access: [],
  support: [],
  referralRoutes: ['link_worker', 'self'],
  languages: ['en'],
  capacity: null,
  placesHeld: 0,
  sessionSlots: [{ day: 2, time: 'morning' }],
  nextSessionAt: new Date('2026-11-24T10:00:00Z'),
  ...over,
});

const NOW = new Date('2026-11-21T12:00:00Z');
const LW = { route: 'link_worker', now: NOW } as const;
const factor = (p: MatchPerson, a: MatchActivity, key: string, ctx: { route: 'link_worker' | 'community_connector'; now: Date } = LW) => {
  const f = scoreActivity(p, a, ctx).factors.find((x) => x.key === key);
  if (!f) throw new Error(`no factor ${key}`);
  return f;
};

describe('matching weights', () => {
  it('documents nine factors whose weights add up to 100', () => {
    expect(FACTORS).toHaveLength(9);
    expect(FACTORS.reduce((s, f) => s + f.weight, 0)).toBe(100);
  });

  it('gives 100 when every factor is good and reports each factor with its weight', () => {
    const p = person({ needs: ['loneliness'], interests: ['walk'], availableDays: [2], availableTimes: ['morning'] });
    const m = scoreActivity(p, activity({ capacity: 10 }), LW);
    expect(m.factors.map((f) => [f.key, f.outcome])).toEqual(FACTORS.map((f) => [f.key, 'good']));
    expect(m.factors.every((f) => f.weight > 0 && f.explanation.length > 0)).toBe(true);
    expect(m.score).toBe(100);
    expect(m.suitable).toBe(true);
  });

  it('counts unknown and partly met factors as half their weight, poor as none', () => {
    // No needs/interests (unknown, 20 → 10), no availability (unknown, 15 → 7.5), no capacity (unknown, 5 → 2.5), paid (partial, 10 → 5).
    const m = scoreActivity(person(), activity({ costType: 'paid', pricePence: 500 }), LW);
    expect(m.score).toBe(Math.round(20 + 10 + 15 + 7.5 + 5 + 5 + 5 + 5 + 2.5));
  });
});

describe('distance', () => {
  it('is good within 3 miles and says how far', () => {
    const f = factor(person(), activity(), 'distance');
    expect(f.outcome).toBe('good');
    expect(f.explanation).toContain('1.0 miles away');
  });

  it('is partly met between 3 and 10 miles and poor beyond', () => {
    expect(factor(person(), activity({ northing: 300000 + 5 * MILE }), 'distance').outcome).toBe('partial');
    expect(factor(person(), activity({ northing: 300000 + 15 * MILE }), 'distance').outcome).toBe('poor');
  });

  it('is not known without the person’s postcode', () => {
    const f = factor(person({ easting: null, northing: null }), activity(), 'distance');
    expect(f.outcome).toBe('unknown');
    expect(f.explanation).toMatch(/postcode/);
  });

  it('with a transport barrier, is good only within walking distance', () => {
    const p = person({ barriers: ['transport'] });
    expect(factor(p, activity({ northing: 300000 + 0.5 * MILE }), 'distance').outcome).toBe('good');
    const f = factor(p, activity({ northing: 300000 + 2 * MILE }), 'distance');
    expect(f.outcome).toBe('poor');
    expect(f.explanation).toMatch(/no public transport or transport help/);
  });

  it('with a transport barrier, counts public transport or transport help as partly met', () => {
    const p = person({ barriers: ['transport'] });
    const bus = factor(p, activity({ northing: 300000 + 2 * MILE, access: ['public_transport'] }), 'distance');
    expect(bus.outcome).toBe('partial');
    expect(bus.explanation).toMatch(/near public transport/);
    expect(factor(p, activity({ northing: 300000 + 2 * MILE, support: ['transport_help'] }), 'distance').outcome).toBe('partial');
  });
});

describe('cost against funded places', () => {
  const barrier = person({ barriers: ['cost'] });
  it('is good when free or free for referred people', () => {
    expect(factor(barrier, activity({ costType: 'free' }), 'cost').outcome).toBe('good');
    const f = factor(barrier, activity({ costType: 'free_for_referred', pricePence: 800 }), 'cost');
    expect(f).toMatchObject({ outcome: 'good', explanation: 'Free for people who are referred.' });
  });

  it('is partly met when paid with funded places, with a note to ask for one', () => {
    const f = factor(barrier, activity({ costType: 'paid', pricePence: 450, fundedPlaces: 3 }), 'cost');
    expect(f.outcome).toBe('partial');
    expect(f.explanation).toBe('It costs £4.50, and cost is a barrier for them. 3 funded places are offered for referrals: ask for one.');
  });

  it('is poor when paid without funded places and cost is a barrier', () => {
    const f = factor(barrier, activity({ costType: 'paid', pricePence: 500, fundedPlaces: 0 }), 'cost');
    expect(f.outcome).toBe('poor');
    expect(f.explanation).toMatch(/no funded places/);
  });

  it('is partly met when paid and cost is not a barrier', () => {
    expect(factor(person(), activity({ costType: 'paid', pricePence: null }), 'cost')).toMatchObject({
      outcome: 'partial',
      explanation: 'It costs money (price not given). Cost is not recorded as a barrier for them.',
    });
  });
});

describe('access must-haves', () => {
  it('is good when every must-have is met, naming them', () => {
    const f = factor(person({ accessNeeds: ['step_free', 'hearing_loop'] }), activity({ access: ['hearing_loop', 'step_free', 'seating'] }), 'access');
    expect(f).toMatchObject({ outcome: 'good', explanation: 'Has everything they need: Step-free access and Hearing loop.' });
  });

  it('makes the activity not suitable when a must-have is missing, and says which', () => {
    const m = scoreActivity(person({ accessNeeds: ['step_free', 'hearing_loop'] }), activity({ access: ['step_free'] }), LW);
    expect(m.suitable).toBe(false);
    expect(m.factors.find((f) => f.key === 'access')?.outcome).toBe('fails');
    expect(reasonsNotSuitable(m)).toEqual(['Missing a must-have: Hearing loop.']);
  });

  it('keeps an unsuitable activity in the ranking, apart, with its reason', () => {
    const { suitable, unsuitable } = rankActivities(
      person({ accessNeeds: ['step_free'] }),
      [activity({ id: 'ok', access: ['step_free'] }), activity({ id: 'steps', access: [] })],
      LW,
    );
    expect(suitable.map((m) => m.activity.id)).toEqual(['ok']);
    expect(unsuitable.map((m) => m.activity.id)).toEqual(['steps']);
    expect(reasonsNotSuitable(unsuitable[0]!)).toEqual(['Missing a must-have: Step-free access.']);
  });
});

describe('needs and interests', () => {
  it('says which needs and interests are in common', () => {
    const f = factor(person({ needs: ['loneliness', 'anxiety'], interests: ['walk', 'crafts'] }), activity(), 'interests');
    expect(f.outcome).toBe('good');
    expect(f.explanation).toBe('Suits their need: loneliness and isolation. Matches their interest: heritage walk.');
  });

  it('is partly met when only needs or only interests match', () => {
    const f = factor(person({ needs: ['loneliness'], interests: ['crafts'] }), activity(), 'interests');
    expect(f.outcome).toBe('partial');
    expect(f.explanation).toContain('Not one of their interests (crafts and traditional skills)');
  });

  it('is poor when nothing is in common and not known when nothing is recorded', () => {
    expect(factor(person({ needs: ['dementia'] }), activity(), 'interests').outcome).toBe('poor');
    expect(factor(person(), activity(), 'interests').outcome).toBe('unknown');
  });
});

describe('session times against availability', () => {
  it('is good when a session is on a day and at a time they are free, with the next date', () => {
    const f = factor(person({ availableDays: [2, 4], availableTimes: ['morning'] }), activity(), 'times');
    expect(f.outcome).toBe('good');
    expect(f.explanation).toBe('Tuesday mornings fits when they are free. Next session: Tuesday 24 November 2026.');
  });

  it('does not say a session fits when the next one is months away, or none is listed', () => {
    const p = person({ availableDays: [2], availableTimes: ['morning'] });
    const spring = factor(p, activity({ nextSessionAt: new Date('2027-04-06T09:00:00Z') }), 'times');
    expect(spring.outcome).toBe('partial');
    expect(spring.explanation).toBe('Tuesday mornings would suit when they are free, but the next session is not until Tuesday 6 April 2027.');
    expect(spring.explanation).not.toContain('fits');
    const none = factor(p, activity({ nextSessionAt: null }), 'times');
    expect(none).toMatchObject({ outcome: 'partial', explanation: 'Tuesday mornings would suit when they are free, but no dates are listed yet.' });
  });

  it('needs the day and the time together, not from different sessions', () => {
    const a = activity({
      sessionSlots: [
        { day: 2, time: 'afternoon' },
        { day: 4, time: 'morning' },
      ],
    });
    const f = factor(person({ availableDays: [2], availableTimes: ['morning'] }), a, 'times');
    expect(f.outcome).toBe('partial');
    expect(f.explanation).toMatch(/on a day or at a time they are free, but not both/);
  });

  it('treats days alone or times alone as any time or any day', () => {
    expect(factor(person({ availableDays: [2] }), activity(), 'times').outcome).toBe('good');
    expect(factor(person({ availableTimes: ['evening'] }), activity(), 'times').outcome).toBe('poor');
  });

  it('is not known when availability or session times are not recorded', () => {
    expect(factor(person(), activity(), 'times').outcome).toBe('unknown');
    const f = factor(person({ availableDays: [1] }), activity({ sessionSlots: [], nextSessionAt: null }), 'times');
    expect(f.outcome).toBe('unknown');
    expect(f.explanation).toContain('No upcoming dates listed');
  });
});

describe('support against barriers', () => {
  it('answers a confidence barrier with a buddy or a taster', () => {
    const p = person({ barriers: ['confidence'] });
    expect(factor(p, activity({ support: ['buddy_welcome'] }), 'support').outcome).toBe('good');
    expect(factor(p, activity({ support: ['taster_session'] }), 'support').outcome).toBe('good');
    expect(factor(p, activity({ support: ['meet_beforehand'] }), 'support').outcome).toBe('good');
    const f = factor(p, activity({ support: ['refreshments'] }), 'support');
    expect(f.outcome).toBe('poor');
    expect(f.explanation).toContain('No support listed for confidence');
  });

  it('is good, listing what is offered, when no barrier needs support', () => {
    expect(factor(person({ barriers: ['cost'] }), activity({ support: ['refreshments'] }), 'support')).toMatchObject({
      outcome: 'good',
      explanation: 'No confidence or transport barriers recorded for them. Offers: refreshments provided.',
    });
  });

  it('answers a transport barrier only with help with transport', () => {
    const p = person({ barriers: ['transport'] });
    expect(factor(p, activity({ support: ['transport_help'] }), 'support').outcome).toBe('good');
    expect(factor(p, activity({ support: ['buddy_welcome'] }), 'support').outcome).toBe('poor');
  });

  it('is partly met when one of two barriers is answered', () => {
    const f = factor(person({ barriers: ['confidence', 'transport'] }), activity({ support: ['buddy_welcome'] }), 'support');
    expect(f.outcome).toBe('partial');
    expect(f.explanation).toContain('transport (help with transport)');
  });
});

describe('language', () => {
  it('is good when run in a language they speak and poor when not', () => {
    expect(factor(person({ languages: ['pl', 'en'] }), activity({ languages: ['en'] }), 'language').outcome).toBe('good');
    const f = factor(person({ languages: ['pl'] }), activity({ languages: ['en'] }), 'language');
    expect(f).toMatchObject({ outcome: 'poor', explanation: 'Run in English; they speak Polish.' });
  });
});

describe('referral route', () => {
  it('makes the activity not suitable when it does not take this route', () => {
    const m = scoreActivity(person(), activity({ referralRoutes: ['self'] }), LW);
    expect(m.suitable).toBe(false);
    expect(reasonsNotSuitable(m)).toEqual(['Does not take referrals from link workers. They could contact the organisation themselves.']);
  });

  it('checks the community connector route for connectors', () => {
    expect(factor(person(), activity({ referralRoutes: ['link_worker'] }), 'route', { route: 'community_connector', now: NOW }).outcome).toBe('fails');
    expect(factor(person(), activity({ referralRoutes: ['community_connector'] }), 'route', { route: 'community_connector', now: NOW }).outcome).toBe('good');
  });
});

describe('capacity', () => {
  it('says likely waiting list when referred people hold every place', () => {
    const f = factor(person(), activity({ capacity: 8, placesHeld: 8 }), 'capacity');
    expect(f.outcome).toBe('poor');
    expect(f.explanation).toMatch(/likely waiting list/);
  });

  it('counts free places, and is not known without a capacity', () => {
    expect(factor(person(), activity({ capacity: 8, placesHeld: 3 }), 'capacity')).toMatchObject({ outcome: 'good', explanation: '5 of 8 places free.' });
    expect(factor(person(), activity({ capacity: null }), 'capacity').outcome).toBe('unknown');
  });
});

describe('ranking', () => {
  it('orders by score, highest first', () => {
    const p = person({ needs: ['loneliness'] });
    const { suitable } = rankActivities(p, [activity({ id: 'other-need', needs: ['dementia'] }), activity({ id: 'right-need', needs: ['loneliness'] })], LW);
    expect(suitable.map((m) => m.activity.id)).toEqual(['right-need', 'other-need']);
    expect(suitable[0]!.score).toBeGreaterThan(suitable[1]!.score);
  });

  it('breaks ties by distance, nearest first, and puts unknown distance last', () => {
    const p = person();
    const { suitable } = rankActivities(
      p,
      [activity({ id: 'far', title: 'A', northing: 300000 + 2.5 * MILE }), activity({ id: 'near', title: 'B', northing: 300000 + 0.2 * MILE })],
      LW,
    );
    expect(suitable.map((m) => m.activity.id)).toEqual(['near', 'far']);
    expect(suitable[0]!.score).toBe(suitable[1]!.score);
    const unknown = rankActivities(person({ easting: null, northing: null }), [activity({ id: 'x', title: 'Zed' }), activity({ id: 'y', title: 'Abbey' })], LW);
    expect(unknown.suitable.map((m) => m.activity.id)).toEqual(['y', 'x']);
    expect(unknown.suitable[0]!.distanceM).toBeNull();
  });
});
