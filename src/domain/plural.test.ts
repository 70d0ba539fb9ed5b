import { describe, expect, it } from 'vitest';
import { countOf, plural } from './plural.ts';

describe('words for a count', () => {
  it('agrees the noun with the number', () => {
    expect(countOf(1, 'organisation')).toBe('1 organisation');
    expect(countOf(0, 'organisation')).toBe('0 organisations');
    expect(countOf(2, 'activity', 'activities')).toBe('2 activities');
    expect(countOf(1204, 'person', 'people')).toBe('1,204 people');
    expect(plural(1, 'fits', 'fit')).toBe('fits');
    expect(plural(3, 'fits', 'fit')).toBe('fit');
  });
});
