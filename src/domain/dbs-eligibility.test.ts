import { describe, expect, it } from 'vitest';
import { dbsRequestProblem, isEligibleFor } from './dbs-eligibility.ts';

const buddy = { name: 'Museum Buddy', dbsEligibility: 'basic' as const, includesTransport: false };
const driver = { name: 'Heritage Buddy (driver)', dbsEligibility: 'enhanced_barred_adults' as const, includesTransport: true };
const connector = { name: 'Heritage Connector', dbsEligibility: 'none' as const, includesTransport: false };

describe('DBS follows the role', () => {
  it('lets a role ask for the check it is eligible for, or a lower one', () => {
    expect(dbsRequestProblem(buddy, 'basic')).toBeNull();
    expect(dbsRequestProblem(driver, 'enhanced_barred_adults')).toBeNull();
    expect(dbsRequestProblem(driver, 'basic')).toBeNull();
    expect(isEligibleFor('enhanced', 'standard')).toBe(true);
  });

  it('refuses a higher check than the role is eligible for, and says why', () => {
    const problem = dbsRequestProblem(buddy, 'enhanced_barred_adults');
    expect(problem).toContain('The Museum Buddy role is eligible for a basic DBS check only');
    expect(problem).toContain('regulated activity');
    expect(problem).toContain('against the law');
    expect(dbsRequestProblem(buddy, 'standard')).toContain('eligible for a basic DBS check only.');
  });

  it('refuses any check for a role that is not eligible for one', () => {
    expect(dbsRequestProblem(connector, 'basic')).toBe('The Heritage Connector role is not eligible for a DBS check, so you cannot record a basic DBS check');
    expect(isEligibleFor('basic', 'none')).toBe(false);
  });
});
