import { describe, expect, it } from 'vitest';
import { formatGpSummary, type GpSummaryInput } from './gp-summary.ts';

const base: GpSummaryInput = {
  today: '2026-11-21',
  referredOn: '2026-11-02',
  route: 'link_worker',
  referrerOrganisation: 'East Coast Social Prescribing Team',
  activityTitle: 'Minster memories café',
  providerName: 'Friends of Yarmouth Minster',
  status: 'accepted',
  statusReason: null,
  statusChangedOn: '2026-11-04',
  firstVisitDate: null,
  sessionsAttended: 0,
  sessionsRecorded: 0,
  nextSteps: [],
  responseDueOn: '2026-11-16',
};

describe('the GP record summary', () => {
  it('for an accepted referral: the date, the referral code, activity, provider, outcome and next steps last', () => {
    expect(formatGpSummary(base)).toBe(
      [
        'Social prescribing: summary for the GP record',
        'Date of summary: Saturday 21 November 2026',
        '',
        'SNOMED CT: 871731000000106 | Referral to social prescribing service',
        'Referred on: Monday 2 November 2026 (link worker, East Coast Social Prescribing Team)',
        'Activity: Minster memories café',
        'Provider: Friends of Yarmouth Minster',
        'Outcome so far: Accepted on Wednesday 4 November 2026',
        '',
        'Next steps: Continue the activity; link worker to review progress.',
      ].join('\n'),
    );
  });

  it('for a referral the provider declined: the reason, and no "social prescribing declined" code (the person did not decline)', () => {
    const text = formatGpSummary({ ...base, status: 'declined', statusReason: 'full' });
    expect(text).toContain('Outcome so far: The provider could not offer a place on Wednesday 4 November 2026: the activity is full');
    expect(text).toContain('871731000000106');
    expect(text).not.toContain('871711000000103');
    expect(text.split('\n').at(-1)).toBe('Next steps: Link worker to discuss other activities with the person.');
  });

  it('when the person declined (withdrawn, or chose to stop before going): adds 871711000000103', () => {
    expect(formatGpSummary({ ...base, status: 'withdrawn' })).toContain('SNOMED CT: 871711000000103 | Social prescribing declined');
    expect(formatGpSummary({ ...base, status: 'stopped', statusReason: 'person_chose' })).toContain('871711000000103');
    expect(formatGpSummary({ ...base, status: 'stopped', statusReason: 'person_chose', sessionsAttended: 3, sessionsRecorded: 4 })).not.toContain(
      '871711000000103',
    );
  });

  it('for a completed referral: attendance, first visit and the next steps agreed', () => {
    const text = formatGpSummary({
      ...base,
      status: 'completed',
      statusChangedOn: '2027-02-10',
      firstVisitDate: '2026-11-12',
      sessionsAttended: 9,
      sessionsRecorded: 10,
      nextSteps: ['carry_on', 'volunteer'],
    });
    expect(text).toContain('Outcome so far: Completed on Wednesday 10 February 2027');
    expect(text).toContain('First visit: Thursday 12 November 2026');
    expect(text).toContain('Attendance: 9 of 10 recorded sessions');
    expect(text.split('\n').at(-1)).toBe('Next steps: Carry on going independently; Volunteer with the organisation');
  });

  it('while waiting: the reply due date', () => {
    expect(formatGpSummary({ ...base, status: 'sent', statusChangedOn: null })).toContain(
      'Outcome so far: Sent to the provider, waiting for their reply (due by Monday 16 November 2026)',
    );
  });
});
