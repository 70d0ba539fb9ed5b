import { describe, expect, it } from 'vitest';
import { PLACE_ACCESS_FEATURES, placeAccess, placeAccessDetails } from './place-access.ts';
import { ACCESS_FEATURES } from './vocabulary.ts';

describe('what a place states about access', () => {
  it('states a feature of the building when any of its activities ticks it, saying how many when they differ', () => {
    const facts = placeAccess([['step_free', 'hearing_loop'], ['step_free'], []]);
    expect(facts.map((f) => [f.label, placeAccessDetails(f) ?? null])).toEqual([
      ['Step-free access', 'Stated for 2 of 3 activities here; check with the activity.'],
      ['Hearing loop', 'Stated for 1 of 3 activities here; check with the activity.'],
    ]);
    expect(placeAccess([['parking'], ['parking']]).map(placeAccessDetails)).toEqual([undefined]);
  });

  it('leaves how an activity is run to the activity', () => {
    expect(placeAccess([['bsl', 'large_print', 'seating', 'dementia_friendly', 'assistance_dogs']])).toEqual([]);
  });

  it('knows every place feature it names', () => {
    const codes = ACCESS_FEATURES.map((t) => t.code as string);
    for (const code of PLACE_ACCESS_FEATURES) expect(codes).toContain(code);
  });

  it('states nothing for a place with no activities', () => {
    expect(placeAccess([])).toEqual([]);
  });
});
