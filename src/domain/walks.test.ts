import { describe, expect, it } from 'vitest';
import { accessSummary, distanceText, durationText, heritageAssetWords, publishProblems, walkFacts, walkingMinutes, type WalkStop } from './walks.ts';

const stop = (position: number, northing: number, over: Partial<WalkStop> = {}): WalkStop => ({
  id: `s${position}`,
  position,
  name: `Stop ${position}`,
  postcode: null,
  easting: 500000,
  northing,
  latitude: 52,
  longitude: 1,
  directions: 'Turn left',
  story: 'A story',
  heritageAsset: null,
  contributedPlace: null,
  stepFree: true,
  bench: false,
  toilet: false,
  accessNote: '',
  leg: position === 1 ? null : { walkedM: null, stepFree: true, surface: 'paved', gradient: 'flat', bench: false },
  photo: null,
  ...over,
});

describe('a walk’s length, time and access facts', () => {
  it('adds up straight-line legs, and uses the author’s walking distance where one is given', () => {
    const facts = walkFacts([
      stop(1, 0),
      stop(2, 300),
      stop(3, 700, { leg: { walkedM: 550, stepFree: true, surface: 'paved', gradient: 'flat', bench: false } }),
    ]);
    expect(facts.legs.map((l) => l.lengthM)).toEqual([300, 550]);
    expect(facts.lengthM).toBe(850);
    expect(facts.legs[1]!.measured).toBe(true);
  });

  it('works out the time at 3 km an hour, rounded up to five minutes', () => {
    expect(walkingMinutes(1500)).toBe(30);
    expect(walkingMinutes(1510)).toBe(35);
    expect(durationText(80)).toBe('1 hour 20 minutes');
  });

  it('finds the longest stretch between rests, counting a bench along a leg as a rest halfway', () => {
    // 0 (start) – 400 – 1000 – 1200 (end); bench at stop 2 (400); leg 3 has a bench halfway (700): 400, 300, then 500 to the end.
    const stops = [
      stop(1, 0),
      stop(2, 400, { bench: true }),
      stop(3, 1000, { leg: { walkedM: null, stepFree: true, surface: 'paved', gradient: 'flat', bench: true } }),
      stop(4, 1200),
    ];
    expect(walkFacts(stops).longestWithoutRestM).toBe(500);
    expect(walkFacts(stops.map((s) => ({ ...s, bench: false, leg: s.leg ? { ...s.leg, bench: false } : null }))).longestWithoutRestM).toBe(1200);
  });

  it('says in plain words where steps, steep or cobbled ways, benches and toilets are', () => {
    const facts = walkFacts([
      stop(1, 0, { toilet: true, bench: true }),
      stop(2, 200),
      stop(3, 500, { leg: { walkedM: null, stepFree: false, surface: 'cobbles', gradient: 'steep', bench: false } }),
      stop(4, 600, { stepFree: false, bench: true }),
      stop(5, 1200, { toilet: true, bench: true }),
    ]);
    expect(accessSummary(facts)).toEqual([
      'Step-free throughout except stop 4 and the way to stop 3.',
      'Steep on the way to stop 3.',
      'Cobbles on the way to stop 3.',
      'Longest stretch without a bench: 600 m.',
      'Toilets at stops 1 and 5.',
    ]);
  });

  it('says a walk with no steps anywhere is step-free throughout', () => {
    expect(accessSummary(walkFacts([stop(1, 0), stop(2, 2000)]))[0]).toBe('Step-free throughout.');
    expect(distanceText(2000)).toBe('2.0 km (1.2 miles)');
  });

  it('lists what is missing before a walk can be published', () => {
    expect(publishProblems({ stops: [stop(1, 0)] })).toEqual(['Add at least two stops']);
    expect(publishProblems({ stops: [stop(1, 0), stop(2, 10, { directions: ' ', story: '' })] })).toEqual([
      'Add directions to stop 2 (Stop 2) from the stop before',
      'Add a short story for stop 2 (Stop 2)',
    ]);
  });

  it('names a designated place’s kind and grade in words and links its National Heritage List entry', () => {
    const words = heritageAssetWords({
      id: '1',
      source: 'nhle_listed_building',
      sourceId: '1096851',
      name: 'Tolhouse',
      category: 'listed_building',
      grade: 'I',
    });
    expect(words).toEqual({
      kind: 'Listed building, grade I',
      source: 'National Heritage List for England',
      listEntry: 'https://historicengland.org.uk/listing/the-list/list-entry/1096851',
    });
    expect(
      heritageAssetWords({ id: '2', source: 'mapping_museums', sourceId: 'mm.domus.SE110', name: 'Tolhouse', category: 'Museum - Buildings', grade: null })
        .listEntry,
    ).toBeNull();
  });
});
