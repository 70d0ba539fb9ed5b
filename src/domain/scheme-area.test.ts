import { describe, expect, it } from 'vitest';
import { areaCoversOrganisation, areaCoversPlace, EVERYWHERE, outcodeOf, type ModerationArea } from './scheme-area.ts';

const yarmouth: ModerationArea = { everywhere: false, schemeId: 'y', outcodes: ['NR30', 'NR31'] };
const noScheme: ModerationArea = { everywhere: false, schemeId: null, outcodes: [] };

describe('scheme areas', () => {
  it('takes the outcode from a postcode however it is typed', () => {
    expect(outcodeOf('NR30 1NE')).toBe('NR30');
    expect(outcodeOf('nr301ne')).toBe('NR30');
    expect(outcodeOf('NG1 1HN')).toBe('NG1');
    expect(outcodeOf('NG11 6HE')).toBe('NG11');
    expect(outcodeOf('BA11')).toBe('BA11');
  });

  it('covers a place whose outcode is in the area, and not one whose postcode merely starts the same', () => {
    expect(areaCoversPlace(yarmouth, 'NR31 6SG')).toBe(true);
    expect(areaCoversPlace(yarmouth, 'NR3 1AA')).toBe(false);
    expect(areaCoversPlace(yarmouth, 'NR32 1XG')).toBe(false);
    expect(areaCoversPlace(noScheme, 'NR30 1NE')).toBe(false);
    expect(areaCoversPlace(EVERYWHERE, 'BA11 1AT')).toBe(true);
  });

  it('covers an organisation with any place in the area, or with no places yet', () => {
    expect(areaCoversOrganisation(yarmouth, ['BA11 1AT', 'NR30 1NE'])).toBe(true);
    expect(areaCoversOrganisation(yarmouth, ['BA11 1AT'])).toBe(false);
    expect(areaCoversOrganisation(yarmouth, [])).toBe(true);
  });
});
