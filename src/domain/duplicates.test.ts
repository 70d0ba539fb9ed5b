import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ActivityCandidate,
  findDuplicates,
  nameSimilarity,
  normaliseName,
  type OrganisationCandidate,
  type PlaceCandidate,
  precisionRecall,
  scoreActivities,
  scoreOrganisations,
  scorePlaces,
  THRESHOLDS,
} from './duplicates.ts';

type Labelled<T> = { a: T; b: T; duplicate: boolean; variation: string }[];
const labelled = JSON.parse(readFileSync(new URL('../../test/fixtures/duplicates-labelled.json', import.meta.url), 'utf8')) as {
  organisations: Labelled<OrganisationCandidate>;
  places: Labelled<PlaceCandidate>;
  activities: Labelled<ActivityCandidate>;
};

describe('duplicate names', () => {
  it('reads St as Saint, drops a leading The, & as and, case and punctuation', () => {
    expect(normaliseName('The St. Mary’s & All Saints')).toBe('saint marys and all saints');
    expect(nameSimilarity('St John the Baptist Church', 'Saint John the Baptist Church')).toBe(1);
    expect(nameSimilarity('Frome History Society', 'The Frome History Group')).toBe(1);
  });

  it('keeps genuinely different names apart', () => {
    expect(nameSimilarity('Frome History Society', 'Nunney Castle')).toBeLessThan(0.2);
  });
});

describe('duplicate scoring', () => {
  const place = { postcode: 'NR30 2RG', easting: 652500, northing: 307200 };
  const org = (over: Partial<OrganisationCandidate>): OrganisationCandidate => ({
    id: 'a',
    name: 'Yarmouth Heritage Trust',
    email: null,
    phone: null,
    website: null,
    places: [place],
    ...over,
  });

  it('says why two organisations look the same', () => {
    const s = scoreOrganisations(org({ phone: '01632 960101' }), org({ id: 'b', name: 'The Yarmouth Heritage Trust', phone: '+44 1632 960101' }));
    expect(s.score).toBeGreaterThanOrEqual(THRESHOLDS.organisation);
    expect(s.reasons).toContain('Same phone number');
    expect(s.reasons).toContain('They have places at the same postcode');
  });

  it('does not count a shared webmail domain', () => {
    const s = scoreOrganisations(org({ email: 'a@gmail.com', name: 'Walking group' }), org({ id: 'b', email: 'b@gmail.com', name: 'Stitching circle' }));
    expect(s.reasons.join()).not.toContain('email');
  });

  it('a second session of the same activity on another day is not flagged, the same times are', () => {
    const a: ActivityCandidate = {
      id: 'a',
      organisationId: 'o',
      title: 'Walking the Rows',
      activityTypes: ['walk'],
      slots: [{ weekday: 2, startTime: '10:00', endTime: '11:30' }],
      ...place,
    };
    expect(scoreActivities(a, { ...a, id: 'b', slots: [{ weekday: 6, startTime: '10:00', endTime: '11:30' }] }).score).toBeLessThan(THRESHOLDS.activity);
    expect(
      scoreActivities(a, { ...a, id: 'b', title: 'Walkng the Rows', slots: [{ weekday: 2, startTime: '10:30', endTime: '12:00' }] }).score,
    ).toBeGreaterThanOrEqual(THRESHOLDS.activity);
  });

  it('remembers dismissed pairs in either order', () => {
    const a = org({ id: 'x' });
    const b = org({ id: 'y', name: 'Yarmouth Heritage Trust.' });
    expect(findDuplicates('organisation', [b, a], scoreOrganisations)).toHaveLength(1);
    expect(findDuplicates('organisation', [b, a], scoreOrganisations, { dismissed: new Set(['organisation:x:y']) })).toHaveLength(0);
  });
});

/** Floors just below the measured figures (docs/benchmarks.md); a rule change that loses accuracy fails here. */
describe('precision and recall on the labelled set', () => {
  it('has at least 200 labelled pairs of each kind together', () => {
    expect(labelled.organisations.length + labelled.places.length + labelled.activities.length).toBeGreaterThanOrEqual(200);
  });

  it.each([
    ['organisations', () => precisionRecall(labelled.organisations, scoreOrganisations, THRESHOLDS.organisation), 0.92, 0.93],
    ['places', () => precisionRecall(labelled.places, scorePlaces, THRESHOLDS.place), 0.97, 0.97],
    ['activities', () => precisionRecall(labelled.activities, scoreActivities, THRESHOLDS.activity), 0.96, 0.97],
  ] as const)('%s stay above their floors', (_kind, measure, precisionFloor, recallFloor) => {
    const m = measure();
    expect(m.precision).toBeGreaterThanOrEqual(precisionFloor);
    expect(m.recall).toBeGreaterThanOrEqual(recallFloor);
  });
});
