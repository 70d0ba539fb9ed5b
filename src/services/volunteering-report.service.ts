import type { VolunteeringReportRepository } from '../data/repositories/volunteering-report.repository.ts';
import type { VolunteerQuestionnaireRepository } from '../data/repositories/volunteer-questionnaire.repository.ts';
import type { VolunteerPathwayRepository } from '../data/repositories/volunteer-pathway.repository.ts';
import { countBox } from '../domain/volunteering-counts.ts';
import { instrumentFor, VOLUNTEER_QUESTIONNAIRE } from '../domain/instruments/registry.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden } from '../domain/errors.ts';
import { addDays } from '../domain/calendar-date.ts';
import { type Month, monthName, monthNumber } from '../domain/report-period.ts';
import { londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import {
  type AlertFact,
  type Fact,
  type PairFact,
  type PairedRow,
  pairedRow,
  type VisitFact,
  type VolunteeringCounts,
  volunteeringCounts,
} from '../domain/volunteering-counts.ts';

/** Volunteer forms sent at the end of prescriptions, expressions of interest from them, and new volunteers (decision 034). */
export type Sustainability = { sent: number | null; interest: number | null; volunteer: number | null };

/** The volunteer questionnaire's change from training to 3 months later, per measure. */
export type QuestionnaireSummary = { measure: string; rows: PairedRow[] }[];

/** A whole-month period (decision 012): either end may be open. */
export type VolunteeringQuery = { from?: Month; to?: Month };

/** How far ahead "checks due" looks. */
export const DUE_WITHIN_DAYS = 30;

const monthOf = (yyyymm: string) => monthNumber({ year: Number(yyyymm.slice(0, 4)), month: Number(yyyymm.slice(5, 7)) });
export const monthLabel = (m: number) => monthName({ year: Math.floor(m / 12), month: (m % 12) + 1 });

/**
 * The volunteering section of a coordinator's reports (issue 9, decision 034): the scheme's
 * volunteers today, and their visits, hours and check-out alerts by organisation and month, with
 * small numbers withheld as in the outcome reports.
 */
export function createVolunteeringReportService(deps: {
  report: VolunteeringReportRepository;
  pathways: VolunteerPathwayRepository;
  questionnaires: VolunteerQuestionnaireRepository;
  clock: Clock;
}) {
  const { report, pathways, questionnaires, clock } = deps;

  function coordinatorScheme(user: User): string {
    // A scheme's commissioner sees the same aggregate figures on their dashboard (decision 044 addendum).
    if (user.role !== 'coordinator' && user.role !== 'commissioner') throw new Forbidden();
    if (!user.schemeId) throw new Forbidden('You are not part of a scheme yet.');
    return user.schemeId;
  }

  /** Volunteers who answered at training in the period and again 3 months later, per measure. */
  async function pairedSummary(schemeId: string, months: [number, number], organisations: { id: string; name: string }[]): Promise<QuestionnaireSummary> {
    const instrument = instrumentFor(VOLUNTEER_QUESTIONNAIRE)!;
    const rows = await questionnaires.responses(schemeId, instrument.code);
    const later = new Map(rows.filter((r) => r.time_point === 'three_months').map((r) => [r.volunteer_id, r]));
    return instrument.measures.map((m, i) => {
      const pairs: PairFact[] = rows.flatMap((r) => {
        const after = later.get(r.volunteer_id)?.scores[i];
        const before = r.scores[i];
        if (r.time_point !== 'training' || before == null || after == null) return [];
        return [{ organisationId: r.organisation_id, month: monthOf(r.month), flags: [], before, after }];
      });
      const box = { months };
      return {
        measure: m.label,
        rows: [
          pairedRow(pairs, box, 'all', 'All organisations'),
          ...organisations.map((o) => pairedRow(pairs, { ...box, organisationId: o.id }, o.id, o.name)),
        ],
      };
    });
  }

  return {
    async counts(
      user: User,
      query: VolunteeringQuery,
    ): Promise<{ counts: VolunteeringCounts; questionnaire: QuestionnaireSummary; sustainability: Sustainability; from: number; to: number }> {
      const schemeId = coordinatorScheme(user);
      const today = londonDate(clock.now());
      const [volunteerRows, visitRows, alertRows, organisations] = await Promise.all([
        report.volunteers(schemeId, today, addDays(today, DUE_WITHIN_DAYS)),
        report.visits(schemeId),
        report.alerts(schemeId),
        report.organisations(schemeId),
      ]);
      const volunteers: Fact[] = volunteerRows.map((r) => ({
        organisationId: r.organisation_id,
        month: 0,
        flags: [r.ready && 'ready', r.trained && 'trained', r.due_soon && 'due_soon', r.expired && 'expired'].filter((f): f is string => Boolean(f)),
      }));
      const visits: VisitFact[] = visitRows.map((r) => ({ organisationId: r.organisation_id, month: monthOf(r.month), flags: [], minutes: r.minutes }));
      const alerts: AlertFact[] = alertRows.map((r) => ({ organisationId: r.organisation_id, month: monthOf(r.month), flags: [], ackMinutes: r.ack_minutes }));
      const thisMonth = monthOf(today.slice(0, 7));
      const to = query.to ? monthNumber(query.to) : thisMonth;
      const first = [...visits, ...alerts].reduce((m, f) => Math.min(m, f.month), thisMonth);
      const from = query.from ? monthNumber(query.from) : Math.min(first, to);
      const questionnaire = await pairedSummary(schemeId, [from, to], organisations);
      // Sustainability: volunteer forms sent at the end of prescriptions in the period, and how far each went.
      const sent: Fact[] = (await pathways.facts(schemeId)).map((r) => ({
        organisationId: r.organisation_id ?? '',
        month: monthOf(r.month),
        flags: [r.interest && 'interest', r.volunteer && 'volunteer'].filter((f): f is string => Boolean(f)),
      }));
      const flags = ['interest', 'volunteer'];
      const period = { months: [from, to] as const };
      const sustainability: Sustainability = {
        sent: countBox(sent, period, flags),
        interest: countBox(sent, { ...period, flag: 'interest' }, flags),
        volunteer: countBox(sent, { ...period, flag: 'volunteer' }, flags),
      };
      return {
        counts: volunteeringCounts({ volunteers, visits, alerts }, { months: [from, to], organisations, monthLabel }),
        questionnaire,
        sustainability,
        from,
        to,
      };
    },
  };
}

export type VolunteeringReportService = ReturnType<typeof createVolunteeringReportService>;
