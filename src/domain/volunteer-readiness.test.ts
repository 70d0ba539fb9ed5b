import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, reminderDue, shortDate, stepsFor } from './volunteer-checks.ts';
import { effectiveExpiry, matchingBlockers, type ReadinessInput } from './volunteer-readiness.ts';

const safeguarding = { id: 'safe', name: 'Safeguarding adults training', dbsLevel: null };
const dbs = { id: 'dbs', name: 'Basic DBS check', dbsLevel: 'basic' as const };

const ready = (over: Partial<ReadinessInput> = {}): ReadinessInput => ({
  status: 'ready',
  role: { referencesRequired: false },
  required: [safeguarding, dbs],
  records: [
    { checkTypeId: 'safe', doneOn: '2026-01-10', expiresOn: '2029-01-10' },
    { checkTypeId: 'dbs', doneOn: '2025-03-03', expiresOn: '2027-03-03' },
  ],
  dbsStatusChecks: [],
  steps: ['conversation', 'training', 'checks', 'ready'],
  today: '2026-11-21',
  ...over,
});

describe('what blocks a volunteer from being matched', () => {
  it('finds nothing for a ready volunteer with every required item in date', () => {
    expect(matchingBlockers(ready())).toEqual([]);
  });

  it('says when the volunteer paused, stopped or is still being recruited', () => {
    expect(matchingBlockers(ready({ status: 'paused' }))).toEqual(['Paused by the volunteer']);
    expect(matchingBlockers(ready({ status: 'stopped', records: [] }))).toEqual(['Stopped volunteering']);
    expect(matchingBlockers(ready({ status: 'in_recruitment' }))).toEqual(['Not marked ready by their volunteer lead yet']);
  });

  it('names each missing or expired required item with its date', () => {
    expect(matchingBlockers(ready({ today: '2027-03-03' }))).toEqual(['Basic DBS check expired on 3 March 2027']);
    expect(matchingBlockers(ready({ today: '2027-03-02' }))).toEqual([]);
    expect(matchingBlockers(ready({ records: [] }))).toEqual(['No safeguarding adults training recorded', 'No basic DBS check recorded']);
  });

  it('uses the latest record of a type, so a renewal clears an expired one', () => {
    const records = [...ready().records, { checkTypeId: 'dbs', doneOn: '2027-02-20', expiresOn: '2029-02-20' }];
    expect(matchingBlockers(ready({ records, today: '2027-04-01' }))).toEqual([]);
  });

  it('asks for references only when the role needs them', () => {
    expect(matchingBlockers(ready({ role: { referencesRequired: true } }))).toEqual(['References not recorded (the role needs them)']);
    expect(matchingBlockers(ready({ role: { referencesRequired: true }, steps: ['references', 'ready'] }))).toEqual([]);
  });

  it('moves a DBS review date on with an Update Service check showing no change, and blocks on a change', () => {
    const noChange = [{ checkedOn: '2027-02-01', result: 'no_change' as const }];
    expect(effectiveExpiry(dbs, ready().records[1]!, noChange)).toBe('2028-02-01');
    expect(matchingBlockers(ready({ dbsStatusChecks: noChange, today: '2027-06-01' }))).toEqual([]);
    expect(matchingBlockers(ready({ dbsStatusChecks: noChange, today: '2028-02-01' }))).toEqual(['Basic DBS check expired on 1 February 2028']);
    expect(matchingBlockers(ready({ dbsStatusChecks: [{ checkedOn: '2026-10-01', result: 'changed' }] }))).toEqual([
      'The DBS Update Service showed a change on 1 October 2026: a new basic DBS check is needed',
    ]);
    // A status check before the certificate says nothing about it.
    expect(matchingBlockers(ready({ dbsStatusChecks: [{ checkedOn: '2025-01-01', result: 'changed' }] }))).toEqual([]);
    expect(effectiveExpiry(dbs, ready().records[1]!, [{ checkedOn: '2027-02-01', result: 'no_subscription' }])).toBe('2027-03-03');
  });
});

describe('expiry reminders and calendar days', () => {
  it('is due at 60, 30 and 7 days before, the nearest reached, and not once expired', () => {
    expect(reminderDue('2027-03-03', '2027-01-01')).toBeNull(); // 61 days
    expect(reminderDue('2027-03-03', '2027-01-02')).toBe(60);
    expect(reminderDue('2027-03-03', '2027-02-01')).toBe(30);
    expect(reminderDue('2027-03-03', '2027-02-24')).toBe(7);
    expect(reminderDue('2027-03-03', '2027-03-03')).toBe(7);
    expect(reminderDue('2027-03-03', '2027-03-04')).toBeNull();
  });

  it('adds months to the same day or the end of a shorter month, and counts days across a clock change', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(daysBetween('2027-03-20', '2027-04-02')).toBe(13);
    expect(shortDate('2027-03-03')).toBe('3 March 2027');
  });

  it('has a references step only for roles that need references', () => {
    expect(stepsFor({ referencesRequired: false })).toEqual(['conversation', 'training', 'checks', 'ready']);
    expect(stepsFor({ referencesRequired: true })).toContain('references');
  });
});
