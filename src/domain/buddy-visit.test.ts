import { describe, expect, it } from 'vitest';
import { applyVisitChange, DURATION_CHOICES, escalationDueAt, escalationStep, missedCheckOutAt, type VisitState } from './buddy-visit.ts';

const at = (hhmm: string) => new Date(`2027-03-09T${hhmm}:00Z`);
const planned: VisitState = { status: 'planned', volunteerId: 'alan', meetsAt: at('10:00'), checkedInAt: null, expectedEndAt: null, checkedOutAt: null };
const settings = { graceMinutes: 30, escalateAfterMinutes: 20 };

function advance(v: VisitState, change: Parameters<typeof applyVisitChange>[1], now: Date): VisitState {
  const o = applyVisitChange(v, change, now);
  if (!o.ok) throw new Error(o.problem);
  return { ...v, ...o.fields };
}

describe('an accompanied visit’s check-in and check-out', () => {
  it('offers durations in 15-minute steps up to 4 hours', () => {
    expect(DURATION_CHOICES[0]).toBe(15);
    expect(DURATION_CHOICES.at(-1)).toBe(240);
    expect(DURATION_CHOICES).toHaveLength(16);
  });

  it('checks in with an expected end, extends while running, checks out', () => {
    const running = advance(planned, { kind: 'check_in', by: 'alan', expectedMinutes: 90 }, at('09:55'));
    expect(running.status).toBe('checked_in');
    expect(running.expectedEndAt).toEqual(at('11:25'));
    const longer = advance(running, { kind: 'extend', by: 'alan', extraMinutes: 30 }, at('11:00'));
    expect(longer.expectedEndAt).toEqual(at('11:55'));
    // An extension after the expected end counts from now.
    const late = advance(running, { kind: 'extend', by: 'alan', extraMinutes: 15 }, at('11:40'));
    expect(late.expectedEndAt).toEqual(at('11:55'));
    const done = advance(longer, { kind: 'check_out', by: 'alan' }, at('11:50'));
    expect(done).toMatchObject({ status: 'checked_out', checkedOutAt: at('11:50') });
  });

  it('refuses a second check-in, a check-out before check-in, a second check-out and another buddy', () => {
    const running = advance(planned, { kind: 'check_in', by: 'alan', expectedMinutes: 60 }, at('10:00'));
    expect(applyVisitChange(running, { kind: 'check_in', by: 'alan', expectedMinutes: 60 }, at('10:01'))).toMatchObject({
      ok: false,
      problem: 'You have already checked in to this visit',
    });
    expect(applyVisitChange(planned, { kind: 'check_out', by: 'alan' }, at('10:01'))).toMatchObject({
      ok: false,
      problem: 'You have not checked in to this visit yet',
    });
    const done = advance(running, { kind: 'check_out', by: 'alan' }, at('11:00'));
    expect(applyVisitChange(done, { kind: 'check_out', by: 'alan' }, at('11:01'))).toMatchObject({ ok: false });
    expect(applyVisitChange(running, { kind: 'check_out', by: 'harjit' }, at('10:30'))).toMatchObject({ ok: false, notYours: true });
  });

  it('refuses durations off the 15-minute steps or over 4 hours, and a check-in far too early', () => {
    for (const minutes of [0, 10, 250, 255, -15]) {
      expect(applyVisitChange(planned, { kind: 'check_in', by: 'alan', expectedMinutes: minutes }, at('10:00'))).toMatchObject({
        ok: false,
        field: 'expectedMinutes',
      });
    }
    expect(applyVisitChange(planned, { kind: 'check_in', by: 'alan', expectedMinutes: 60 }, at('08:30'))).toMatchObject({
      ok: false,
      field: 'expectedMinutes',
    });
  });

  it('cancels only a visit that has not started', () => {
    expect(applyVisitChange(planned, { kind: 'cancel', by: 'lead' }, at('09:00'))).toMatchObject({ ok: true, fields: { status: 'cancelled' } });
    const running = advance(planned, { kind: 'check_in', by: 'alan', expectedMinutes: 60 }, at('10:00'));
    expect(applyVisitChange(running, { kind: 'cancel', by: 'lead' }, at('10:10')).ok).toBe(false);
  });
});

describe('escalating a missed check-out', () => {
  const running = advance(planned, { kind: 'check_in', by: 'alan', expectedMinutes: 60 }, at('10:00'));

  it('raises nothing until the grace period after the expected end has passed', () => {
    expect(missedCheckOutAt(running.expectedEndAt!, settings)).toEqual(at('11:30'));
    expect(escalationStep(running, settings, at('11:29'))).toBe('none');
    expect(escalationStep(running, settings, at('11:30'))).toBe('lead');
  });

  it('goes on to the safeguarding contact after a further interval', () => {
    expect(escalationDueAt(at('11:30'), settings)).toEqual(at('11:50'));
    expect(escalationStep(running, settings, at('11:49'))).toBe('lead');
    expect(escalationStep(running, settings, at('11:50'))).toBe('safeguarding');
  });

  it('never escalates a visit that was checked out', () => {
    const done = advance(running, { kind: 'check_out', by: 'alan' }, at('11:10'));
    expect(escalationStep(done, settings, at('13:00'))).toBe('none');
  });
});
