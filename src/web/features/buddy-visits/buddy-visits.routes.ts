import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { flashFrom } from '../../flash.ts';
import { type FormBody, formBody, handleForm } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { acknowledgeForm, afterVisitForm, checkInForm, expenseForm, extendForm, planVisitForm } from './buddy-visit.form.ts';
import { buddyPreferenceText } from '../../../domain/buddy-scheme.ts';
import { declineProposalForm, proposeForm } from './buddy-proposal.form.ts';
import {
  alertView,
  claimView,
  declineReasonItems,
  durationItems,
  expensesCsv,
  matchCards,
  planChoices,
  proposalRow,
  proposalView,
  seemedItems,
  visitView,
} from './buddy-visits.view-model.ts';

type WithId = { Params: { id: string } };
const VISIT = 'features/buddy-visits/visit.njk';
const PLAN = 'features/buddy-visits/plan-visit.njk';
const ALERT = 'features/buddy-visits/alert.njk';
const PROPOSAL = 'features/buddy-visits/proposal.njk';
const PROPOSE = 'features/buddy-visits/propose-buddy.njk';

const VISIT_FLASH = {
  planned: 'The visit is planned.',
  'checked-in': 'You are checked in. Check out when the visit ends.',
  extended: 'The visit is extended.',
  'checked-out': 'You are checked out. Thank you.',
  help: 'Your volunteer lead has been alerted. If you or anyone is in danger, call 999.',
  recorded: 'Thank you. Your volunteer lead can see how it went.',
  claimed: 'Your expenses claim has gone to your volunteer lead.',
};

/** Accompanied visits (decision 028): the buddy's visit pages, the lead's planning and lone-working alerts. */
export async function registerBuddyVisitRoutes(app: FastifyInstance, services: Services) {
  const visits = services.buddyVisits;
  const proposals = services.buddyProposals;
  const now = () => services.clock.now();

  const proposalPage = async (request: FastifyRequest<WithId>, values: FormBody = {}) => {
    const p = proposalView(await proposals.yourProposal(request.user!, request.params.id));
    return { pageTitle: `Will you go with ${p.person}?`, proposal: p, reasons: declineReasonItems(values.reason), values, fieldErrors: {} };
  };

  const visitPage = async (request: FastifyRequest<WithId>, values: FormBody = {}) => {
    const visit = await visits.yourVisit(request.user!, request.params.id);
    return {
      pageTitle: `Visit with ${visit.personFirstName ?? 'someone'}`,
      flash: flashFrom(request.query, VISIT_FLASH),
      visit: visitView(visit, now()),
      durations: durationItems(values.expectedMinutes),
      extensions: durationItems(values.extraMinutes),
      lengths: durationItems(values.durationMinutes),
      seemed: seemedItems(values.personSeemed),
      claim: visit.status === 'checked_out' ? claimView(await visits.yourClaim(request.user!, visit.id)) : null,
      values,
      fieldErrors: {},
    };
  };

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('buddy'));

    scope.get<WithId>(paths.volunteering.visit(':id'), async (request, reply) => reply.view(VISIT, await visitPage(request)));

    // A proposal to go with someone (decision 033): accept, or decline with a reason.
    scope.get<WithId>(paths.volunteering.proposal(':id'), async (request, reply) => reply.view(PROPOSAL, await proposalPage(request)));
    scope.post<WithId>(paths.volunteering.acceptProposal(':id'), async (request, reply) => {
      await proposals.answer(request.user!, request.params.id, { kind: 'accept' });
      return reply.redirect(`${paths.volunteering.home}?done=proposal-accepted`, 303);
    });
    scope.post<WithId>(paths.volunteering.declineProposal(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: declineProposalForm,
        view: PROPOSAL,
        context: (values) => proposalPage(request, values),
        handle: async (input) => {
          await proposals.answer(request.user!, request.params.id, { kind: 'decline', reason: input.reason, note: input.note });
          return `${paths.volunteering.home}?done=proposal-declined`;
        },
      }),
    );

    const change = (path: string, schema: typeof checkInForm | typeof extendForm, done: string, kind: 'check_in' | 'extend') =>
      scope.post<WithId>(path, async (request, reply) =>
        handleForm(request, reply, {
          schema,
          view: VISIT,
          context: (values) => visitPage(request, values),
          handle: async (input) => {
            const command =
              kind === 'check_in'
                ? { kind, expectedMinutes: (input as { expectedMinutes: number }).expectedMinutes }
                : { kind, extraMinutes: (input as { extraMinutes: number }).extraMinutes };
            await visits.change(request.user!, request.params.id, command);
            return `${paths.volunteering.visit(request.params.id)}?done=${done}`;
          },
        }),
      );
    change(paths.volunteering.checkIn(':id'), checkInForm, 'checked-in', 'check_in');
    change(paths.volunteering.extend(':id'), extendForm, 'extended', 'extend');

    scope.post<WithId>(paths.volunteering.checkOut(':id'), async (request, reply) => {
      await visits.change(request.user!, request.params.id, { kind: 'check_out' });
      return reply.redirect(`${paths.volunteering.visit(request.params.id)}?done=checked-out`, 303);
    });

    scope.post<WithId>(paths.volunteering.help(':id'), async (request, reply) => {
      await visits.askForHelp(request.user!, request.params.id);
      return reply.redirect(`${paths.volunteering.visit(request.params.id)}?done=help`, 303);
    });

    scope.post<WithId>(paths.volunteering.expenses(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: expenseForm,
        view: VISIT,
        context: (values) => visitPage(request, values),
        handle: async (input) => {
          await visits.claimExpenses(request.user!, request.params.id, input);
          return `${paths.volunteering.visit(request.params.id)}?done=claimed`;
        },
      }),
    );

    scope.post<WithId>(paths.volunteering.afterVisit(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: afterVisitForm,
        view: VISIT,
        context: (values) => visitPage(request, values),
        handle: async (input) => {
          await visits.recordAfter(request.user!, request.params.id, input);
          return `${paths.volunteering.visit(request.params.id)}?done=recorded`;
        },
      }),
    );
  });

  const planPage = async (request: FastifyRequest<WithId>, values: FormBody = {}) => {
    const p = await visits.planningFor(request.user!, request.params.id);
    return {
      pageTitle: 'Plan an accompanied visit',
      flash: flashFrom(request.query, { planned: VISIT_FLASH.planned }),
      referral: {
        id: p.referral.id,
        person: p.referral.participant?.preferredName ?? 'Name removed',
        scheme: p.referral.buddySchemeName,
        activity: p.referral.accompanyActivityTitle,
      },
      choices: planChoices(p.sessions, await proposals.acceptedFor(p.referral.id), values),
      proposeHref: paths.volunteers.proposeBuddy(p.referral.id),
      planned: p.visits.map((v) => visitView(v, now())),
      values,
      fieldErrors: {},
    };
  };

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('volunteer_lead', 'provider'));

    const proposePage = async (request: FastifyRequest<WithId>, values: FormBody = {}) => {
      const p = await proposals.forReferral(request.user!, request.params.id);
      return {
        pageTitle: p.place === 'continuity' ? 'Propose a second buddy' : 'Propose a buddy',
        flash: flashFrom(request.query, { proposed: 'The buddy has been asked. They will accept or decline on their volunteering page.' }),
        referral: {
          id: p.referral.id,
          person: p.referral.participant?.preferredName ?? 'Name removed',
          scheme: p.referral.buddySchemeName,
          activity: p.referral.accompanyActivityTitle,
          preference: buddyPreferenceText(p.referral.buddyPreference),
        },
        place: p.place,
        open: p.open,
        proposals: p.proposals.map(proposalRow),
        matches: matchCards(p.candidates, values),
        unsuitable: matchCards(p.candidates.filter((c) => !c.suitable)),
        suitableCount: p.candidates.filter((c) => c.suitable).length,
        planHref: paths.volunteers.planVisit(p.referral.id),
        values,
        fieldErrors: {},
      };
    };

    scope.get<WithId>(paths.volunteers.proposeBuddy(':id'), async (request, reply) => reply.view(PROPOSE, await proposePage(request)));

    scope.post<WithId>(paths.volunteers.proposeBuddy(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: proposeForm,
        view: PROPOSE,
        context: (values) => proposePage(request, values),
        handle: async (input) => {
          await proposals.propose(request.user!, request.params.id, input);
          return `${paths.volunteers.proposeBuddy(request.params.id)}?done=proposed`;
        },
      }),
    );

    scope.get<WithId>(paths.volunteers.planVisit(':id'), async (request, reply) => reply.view(PLAN, await planPage(request)));

    scope.post<WithId>(paths.volunteers.planVisit(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: planVisitForm,
        view: PLAN,
        context: (values) => planPage(request, values),
        handle: async (input) => {
          await visits.plan(request.user!, request.params.id, input);
          return `${paths.volunteers.planVisit(request.params.id)}?done=planned`;
        },
      }),
    );
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('volunteer_lead'));

    scope.get(paths.volunteers.expenses, async (request, reply) =>
      reply.view('features/buddy-visits/expenses.njk', {
        pageTitle: 'Expense claims',
        flash: flashFrom(request.query, { approved: 'Claim approved.' }),
        claims: (await visits.expenseClaims(request.user!)).map(claimView),
      }),
    );

    scope.get(paths.volunteers.expensesCsv, async (request, reply) => {
      const claims = await visits.expenseClaims(request.user!);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="volunteer-expenses.csv"')
        .send(expensesCsv(claims));
    });

    scope.post<WithId>(paths.volunteers.approveExpense(':id'), async (request, reply) => {
      await visits.decideExpense(request.user!, request.params.id, 'approved');
      return reply.redirect(`${paths.volunteers.expenses}?done=approved`, 303);
    });

    scope.get(paths.volunteers.alerts, async (request, reply) =>
      reply.view('features/buddy-visits/alerts.njk', {
        pageTitle: 'Lone-working alerts',
        alerts: (await visits.openAlerts(request.user!)).map(alertView),
      }),
    );

    const alertPage = async (request: FastifyRequest<WithId>) => {
      const { alert, emergencyContact } = await visits.alert(request.user!, request.params.id);
      return {
        pageTitle: `Alert: ${alert.visit.volunteerKnownAs}’s visit`,
        flash: flashFrom(request.query, { acknowledged: 'Alert acknowledged. Its steps are logged below.' }),
        alert: alertView(alert),
        emergencyContact,
        values: {},
        fieldErrors: {},
      };
    };

    scope.get<WithId>(paths.volunteers.alert(':id'), async (request, reply) => reply.view(ALERT, await alertPage(request)));

    scope.post<WithId>(paths.volunteers.acknowledge(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: acknowledgeForm,
        view: ALERT,
        context: async (values) => ({ ...(await alertPage(request)), values: formBody(values) }),
        handle: async (input) => {
          await visits.acknowledge(request.user!, request.params.id, input.note);
          return `${paths.volunteers.alert(request.params.id)}?done=acknowledged`;
        },
      }),
    );
  });
}
