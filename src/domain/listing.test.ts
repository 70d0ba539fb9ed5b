import { describe, expect, it } from 'vitest';
import { diffContent, summariseChanges } from './listing-diff.ts';
import type { ActivityContent } from './directory.ts';

describe('listing diff', () => {
  const before: ActivityContent = {
    placeId: '7d1b9f8e-4c1a-4f5e-9a51-0c6b1d2e3f40',
    title: 'Memory café',
    summary: 'Tea and old photographs.',
    description: '',
    activityTypes: ['memory_cafe'],
    needs: [],
    ageMin: null,
    ageMax: null,
    groupSizeMax: null,
    eligibility: '',
    firstVisit: '',
    costType: 'paid',
    pricePence: 300,
    costNote: '',
    fundedPlaces: null,
    access: ['seating', 'parking'],
    distanceWalkedM: null,
    terrain: null,
    support: [],
    referralRoutes: ['link_worker'],
    languages: ['en'],
    safeguarding: [],
    months: [1, 2],
    capacity: null,
    howToJoin: '',
    contactName: null,
    contactEmail: null,
    contactPhone: null,
  };

  it('shows only the fields that changed, old against new, and list changes as added and removed', () => {
    const after: ActivityContent = { ...before, title: 'Memory café at the Tolhouse', access: ['parking', 'hearing_loop'], pricePence: 350, months: [1, 2] };
    const diff = diffContent(before, after);
    expect(diff).toEqual([
      { field: 'title', label: 'Title', kind: 'value', before: 'Memory café', after: 'Memory café at the Tolhouse' },
      { field: 'pricePence', label: 'Price', kind: 'value', before: '£3', after: '£3.50' },
      { field: 'access', label: 'Access', kind: 'list', added: ['Hearing loop'], removed: ['Seating available'] },
    ]);
    expect(summariseChanges(diff)).toBe('Title, Price and Access changed');
  });

  it('finds no change when only the order of ticked items differs', () => {
    expect(diffContent(before, { ...before, access: ['parking', 'seating'] })).toEqual([]);
  });

  it('names places rather than showing their ids', () => {
    const diff = diffContent(before, { ...before, placeId: 'b' }, { [before.placeId]: 'Tolhouse', b: 'Minster' });
    expect(diff).toEqual([{ field: 'placeId', label: 'Place', kind: 'value', before: 'Tolhouse', after: 'Minster' }]);
  });
});
