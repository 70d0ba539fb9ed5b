import { describe, expect, it } from 'vitest';
import { readAloud, spellOut, spokenList, type ReadAloudListing } from './read-aloud.ts';
import { londonInstant } from './schedule.ts';

const NOW = new Date('2026-11-21T10:00:00Z'); // Saturday

const listing = (over: Partial<ReadAloudListing['activity']> = {}): ReadAloudListing => ({
  activity: {
    title: 'Maritime memories café',
    summary: 'Tea, old photographs and stories of the herring fleet',
    activityTypes: ['memory_cafe'],
    costType: 'paid',
    pricePence: 300,
    costNote: 'Carers free',
    fundedPlaces: 4,
    access: ['step_free', 'public_transport', 'hearing_loop'],
    distanceWalkedM: 50,
    terrain: 'indoors',
    support: ['buddy_welcome', 'carer_free'],
    firstVisit: 'Someone meets you at the door and sits with you',
    howToJoin: 'Ring Jo to book your first visit.',
    contactName: 'Jo Barker',
    contactPhone: '01493855746',
    contactEmail: null,
    months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    shortCode: 'NR-4K7',
    ...over,
  },
  organisation: { name: 'Yarmouth Heritage Trust', phone: null, email: 'trust@example.org' },
  place: {
    name: 'Time and Tide Museum',
    addressLine: 'Blackfriars Road',
    town: 'Great Yarmouth',
    postcode: 'NR302RG',
    description: 'Use the side door by the car park.',
  },
  sessions: [{ frequency: 'weekly', weekday: 2, weekOfMonth: null, startDate: '2026-01-06', startTime: '10:00', endTime: '12:00' }],
  upcoming: [
    { date: '2026-11-24', start: londonInstant('2026-11-24', '10:00'), cancelledReason: 'Leader unwell', bankHoliday: null },
    { date: '2026-12-01', start: londonInstant('2026-12-01', '10:00'), cancelledReason: null, bankHoliday: null },
  ],
});

const said = (l: ReadAloudListing) => Object.fromEntries(readAloud(l, NOW).map((p) => [p.topic, p.sentences.join(' ')]));

describe('the read-aloud summary of a listing', () => {
  it('says what, where, when, cost, getting there, access, a first visit, company and how to join in plain sentences', () => {
    const s = said(listing());
    expect(s['What happens']).toBe(
      'Maritime memories café is a memory café or reminiscence run by Yarmouth Heritage Trust. Tea, old photographs and stories of the herring fleet.',
    );
    expect(s.Where).toBe('It meets at Time and Tide Museum, Blackfriars Road, Great Yarmouth, postcode NR30 2RG. Use the side door by the car park.');
    expect(s.When).toBe(
      'The next session is on Tuesday 1 December at 10am. There is no session on Tuesday 24 November: Leader unwell. It meets every Tuesday, 10am to 12pm.',
    );
    expect(s.Cost).toBe('It costs £3. Carers free. There are 4 funded places for people who are referred.');
    expect(s['Getting there']).toBe('It is near a bus stop or station. There is about 50 metres of walking. The ground is indoors.');
    expect(s.Access).toBe('For access, there is: step-free access and hearing loop.');
    expect(s['A first visit']).toBe('Someone meets you at the door and sits with you.');
    expect(s['Coming with someone']).toBe('A buddy or a friend is welcome to come with them. A carer comes free.');
    expect(s['How to join']).toBe(
      'Ring Jo to book your first visit. To ask about it, ring Jo Barker on 01493 855746. The listing code is NR-4K7, that is N R, 4 K 7.',
    );
  });

  it('says when an activity runs only in some months, a price in pounds, and leaves out what the listing does not say', () => {
    const s = said(
      listing({
        costType: 'paid',
        pricePence: 350,
        costNote: '',
        fundedPlaces: null,
        months: [9, 4, 5],
        access: [],
        distanceWalkedM: null,
        terrain: null,
        support: [],
        firstVisit: '',
      }),
    );
    expect(s.When).toContain('It runs only in April, May and September.');
    expect(s.Cost).toBe('It costs £3.50.');
    expect(s['Getting there']).toBeUndefined();
    expect(s.Access).toBeUndefined();
    expect(s['A first visit']).toBeUndefined();
    expect(s['Coming with someone']).toBeUndefined();
    expect(said(listing({ costType: 'free_for_referred', fundedPlaces: 4, costNote: '' })).Cost).toBe('It is free for people who are referred.');
  });

  it('spells codes and joins lists the way people say them', () => {
    expect(spellOut('BA-X9D')).toBe('B A, X 9 D');
    expect(spokenList(['tea'])).toBe('tea');
    expect(spokenList(['tea', 'cake', 'stories'])).toBe('tea, cake and stories');
  });
});
