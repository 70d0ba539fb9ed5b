import { questionnaireForm } from '../questionnaires/questionnaire-form.view-model.ts';
import { VOLUNTEER_TIME_POINTS, type VolunteerTimePoint } from '../../../domain/volunteer-questionnaire.ts';
import { volunteerAnswersForm } from './questionnaire.form.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { UUID_PATTERN } from '../../../domain/ids.ts';
import { VOLUNTEER_STATUSES, type VolunteerStatus } from '../../../domain/volunteer.ts';
import { codesOf, type Term } from '../../../domain/vocabulary.ts';
import { DBS_STATUS_RESULTS, RECRUITMENT_STEPS, stepsFor, type RecruitmentStep } from '../../../domain/volunteer-checks.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { profileForm } from './profile.form.ts';
import { checkForm, statusCheckForm, stepForm } from './recruitment.form.ts';
import { leadVolunteerPage, profileOptions, profileRows, profileValues, volunteerSummary } from './volunteers.view-model.ts';

type WithId = { Params: { id: string } };
const V = 'features/volunteers/';

const YOUR_FLASH = {
  profile: 'Your profile has been saved.',
  paused: 'You are taking a break. Nobody will be offered your company until you come back.',
  stopped: 'You have stopped volunteering. Thank you for everything you have done.',
  resumed: 'Welcome back. Your volunteer lead can offer your company again.',
  'proposal-accepted': 'Thank you. The link worker and the person will be told you are going with them. Your volunteer lead will plan the visit.',
  'proposal-declined': 'Thank you for letting us know. Your volunteer lead will ask another buddy.',
  questionnaire: 'Thank you. Your answers have been saved.',
};
const LEAD_FLASH = {
  step: 'The recruitment step has been recorded.',
  check: 'The training or check has been recorded.',
  status: 'The DBS Update Service status check has been recorded.',
  invited: 'The invitation has been sent. They choose a password from the link in it.',
};

/** Pause and stop need a confirmation step (works without JavaScript). */
const CONFIRM = {
  pause: {
    title: 'Take a break from volunteering',
    paragraphs: [
      'While you take a break, your volunteer lead will not offer your company to anyone. Visits already planned are not cancelled: tell your lead about them.',
      'You can come back whenever you like from your volunteering page.',
    ],
    button: 'Take a break',
    action: paths.volunteering.pause,
  },
  stop: {
    title: 'Stop volunteering',
    paragraphs: [
      'If you stop, your volunteer lead will not offer your company to anyone again, and you cannot come back from this page.',
      'If you might come back, take a break instead. To volunteer again later, talk to your volunteer lead.',
    ],
    button: 'Stop volunteering',
    action: paths.volunteering.stop,
  },
};
import { alertView, hoursView, proposalView, visitView } from '../buddy-visits/buddy-visits.view-model.ts';

/** Volunteers' own pages and their volunteer lead's (issue 9). */
export function registerVolunteerRoutes(app: FastifyInstance, services: Services) {
  const volunteers = services.volunteers;
  const recruitment = services.volunteerRecruitment;

  // The volunteer's own pages.

  app.get(paths.volunteering.home, { preHandler: requireRole('buddy') }, async (request, reply) => {
    const you = await volunteers.yourVolunteering(request.user!);
    return reply.view(`${V}your-volunteering.njk`, {
      pageTitle: 'Your volunteering',
      flash: flashFrom(request.query, YOUR_FLASH),
      you: you && { ...volunteerSummary(you.volunteer, you.blockers), profile: profileRows(you.volunteer) },
      visits: (await services.buddyVisits.yourVisits(request.user!)).map((v) => visitView(v, services.clock.now())),
      proposals: (await services.buddyProposals.yourProposals(request.user!)).map(proposalView),
      questionnaires: (await services.volunteerQuestionnaire.due(request.user!)).map((d) => ({
        label: VOLUNTEER_TIME_POINTS.find((t) => t.code === d.timePoint)!.label,
        href: paths.volunteering.questionnaire(d.timePoint),
      })),
    });
  });

  // The volunteer questionnaire at training and 3 months later (decision 034).
  const questionnairePage = (timePoint: VolunteerTimePoint, values: Record<string, unknown>) => ({
    pageTitle: 'Heritage and wellbeing: your views',
    timePointLabel: VOLUNTEER_TIME_POINTS.find((t) => t.code === timePoint)!.label,
    action: paths.volunteering.questionnaire(timePoint),
    // The volunteer instrument asks the same statements every time; 'baseline' only selects "every item".
    form: questionnaireForm('baseline', [], [services.volunteerQuestionnaire.instrument]),
    values: Object.fromEntries(
      Object.entries(values)
        .filter(([k]) => k !== '_csrf')
        .map(([k, v]) => [k, String(v)]),
    ),
    fieldErrors: {},
  });
  app.get<{ Params: { timePoint: string } }>(paths.volunteering.questionnaire(':timePoint'), { preHandler: requireRole('buddy') }, async (request, reply) => {
    const { timePoint } = await services.volunteerQuestionnaire.form(request.user!, request.params.timePoint);
    return reply.view(`${V}questionnaire.njk`, questionnairePage(timePoint, {}));
  });
  app.post<{ Params: { timePoint: string } }>(paths.volunteering.questionnaire(':timePoint'), { preHandler: requireRole('buddy') }, async (request, reply) => {
    const { timePoint } = await services.volunteerQuestionnaire.form(request.user!, request.params.timePoint);
    return handleForm(request, reply, {
      schema: volunteerAnswersForm,
      view: `${V}questionnaire.njk`,
      context: (values) => questionnairePage(timePoint, values),
      handle: async (answers) => {
        await services.volunteerQuestionnaire.answer(request.user!, timePoint, answers);
        return `${paths.volunteering.home}?done=questionnaire`;
      },
    });
  });

  const profilePage = async (request: FastifyRequest, posted?: FormBody) => {
    const v = await volunteers.profile(request.user!);
    const values = profileValues(v, posted);
    return { pageTitle: 'Your volunteering profile', values, options: profileOptions(values), fieldErrors: {} };
  };

  app.get(paths.volunteering.profile, { preHandler: requireRole('buddy') }, async (request, reply) =>
    reply.view(`${V}profile.njk`, await profilePage(request)),
  );

  app.post(paths.volunteering.profile, { preHandler: requireRole('buddy') }, async (request, reply) => {
    await volunteers.profile(request.user!); // 404 before any form errors when there is no record
    return handleForm(request, reply, {
      schema: profileForm,
      view: `${V}profile.njk`,
      check: (values) => volunteers.postcodeProblems(typeof values.postcode === 'string' ? values.postcode : ''),
      context: (values) => profilePage(request, values),
      handle: async (input) => {
        await volunteers.updateProfile(request.user!, input);
        return `${paths.volunteering.home}?done=profile`;
      },
    });
  });

  for (const [key, move] of [
    ['pause', volunteers.pause],
    ['stop', volunteers.stop],
  ] as const) {
    const path = paths.volunteering[key];
    app.get(path, { preHandler: requireRole('buddy') }, async (request, reply) => {
      const v = await volunteers.profile(request.user!);
      const allowed = key === 'pause' ? ['in_recruitment', 'ready'] : ['in_recruitment', 'ready', 'paused'];
      if (!allowed.includes(v.status)) return reply.redirect(paths.volunteering.home, 303);
      return reply.view(`${V}confirm.njk`, { pageTitle: CONFIRM[key].title, confirm: CONFIRM[key] });
    });
    app.post(path, { preHandler: requireRole('buddy') }, async (request, reply) => {
      try {
        await move(request.user!);
      } catch (err) {
        if ((err as { status?: number }).status !== 409) throw err;
      }
      return reply.redirect(`${paths.volunteering.home}?done=${key === 'pause' ? 'paused' : 'stopped'}`, 303);
    });
  }

  app.post(paths.volunteering.resume, { preHandler: requireRole('buddy') }, async (request, reply) => {
    try {
      await volunteers.resume(request.user!);
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
    }
    return reply.redirect(`${paths.volunteering.home}?done=resumed`, 303);
  });

  // The volunteer lead's pages.

  app.get<{ Querystring: { status?: string; organisation?: string } }>(
    paths.volunteers.list,
    { preHandler: requireRole('volunteer_lead') },
    async (request, reply) => {
      const status = codesOf(VOLUNTEER_STATUSES).includes(request.query.status ?? '') ? (request.query.status as VolunteerStatus) : null;
      const organisationId = UUID_PATTERN.test(request.query.organisation ?? '') ? request.query.organisation! : null;
      const { volunteers: list, organisations } = await volunteers.leadVolunteers(request.user!, { status, organisationId });
      const interests = await recruitment.interests(request.user!);
      return reply.view(`${V}volunteers.njk`, {
        pageTitle: 'Volunteers',
        volunteers: list.map((x) => volunteerSummary(x.volunteer, x.blockers)),
        interestCount: interests.length,
        alerts: (await services.buddyVisits.openAlerts(request.user!)).map(alertView),
        toPlan: await services.buddyVisits.referralsToPlan(request.user!),
        hours: (await services.buddyVisits.hoursByMonth(request.user!)).map(hoursView),
        flash: flashFrom(request.query, {
          loneWorking: 'The lone-working settings have been saved.',
          erased: 'The volunteer’s personal data has been erased.',
        }),
        buddySchemes: (await services.buddySchemes.forVolunteerLead(request.user!)).map((b) => ({
          name: b.name,
          href: paths.buddySchemes.leadLoneWorking(b.id),
        })),
        filters: {
          status: [{ value: '', text: 'Any status' }, ...VOLUNTEER_STATUSES.map((s) => ({ value: s.code, text: s.label, selected: s.code === status }))],
          organisation: [
            { value: '', text: 'All your organisations' },
            ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === organisationId })),
          ],
          active: Boolean(status || organisationId),
        },
      });
    },
  );

  app.get<WithId>(paths.volunteers.volunteer(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) => {
    const view = await volunteers.volunteerForLead(request.user!, request.params.id);
    return reply.view(`${V}volunteer.njk`, {
      pageTitle: view.volunteer.knownAs,
      flash: flashFrom(request.query, LEAD_FLASH),
      ...leadVolunteerPage(view),
    });
  });

  const steps = async (request: FastifyRequest<WithId>, values: FormBody) => {
    const v = await volunteers.ledVolunteer(request.user!, request.params.id);
    const role = (await volunteers.readiness.inputs([v.id], services.clock.now())).get(v.id)!;
    const stepCodes = stepsFor(role.role);
    return {
      pageTitle: `Record a recruitment step for ${v.knownAs}`,
      back: paths.volunteers.volunteer(v.id),
      action: paths.volunteers.steps(v.id),
      steps: (RECRUITMENT_STEPS as readonly Term[])
        .filter((s) => stepCodes.includes(s.code as RecruitmentStep))
        .map((s) => ({
          value: s.code,
          text: s.label,
          hint: s.hint ? { text: s.hint } : undefined,
          checked: values.step === s.code,
        })),
      values,
      fieldErrors: {},
    };
  };
  app.get<WithId>(paths.volunteers.steps(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) =>
    reply.view(`${V}step.njk`, await steps(request, {})),
  );
  app.post<WithId>(paths.volunteers.steps(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) => {
    await volunteers.ledVolunteer(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: stepForm,
      view: `${V}step.njk`,
      context: (values) => steps(request, values),
      handle: async (input) => {
        await recruitment.recordStep(request.user!, request.params.id, input);
        return `${paths.volunteers.volunteer(request.params.id)}?done=step`;
      },
    });
  });

  const checkPage = async (request: FastifyRequest<WithId>, values: FormBody) => {
    const v = await volunteers.ledVolunteer(request.user!, request.params.id);
    const types = await recruitment.checkTypes();
    return {
      pageTitle: `Record training or a check for ${v.knownAs}`,
      back: paths.volunteers.volunteer(v.id),
      action: paths.volunteers.checkNew(v.id),
      types: types.map((t) => ({
        value: t.id,
        text: t.name,
        hint: { text: t.validMonths ? `Expires or is due for review after ${t.validMonths} months unless you give another date` : 'Does not expire' },
        checked: values.checkTypeId === t.id,
      })),
      values,
      fieldErrors: {},
    };
  };
  app.get<WithId>(paths.volunteers.checkNew(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) =>
    reply.view(`${V}check-new.njk`, await checkPage(request, {})),
  );
  app.post<WithId>(paths.volunteers.checkNew(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) => {
    await volunteers.ledVolunteer(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: checkForm,
      view: `${V}check-new.njk`,
      context: (values) => checkPage(request, values),
      handle: async (input) => {
        await recruitment.recordCheck(request.user!, request.params.id, input);
        return `${paths.volunteers.volunteer(request.params.id)}?done=check`;
      },
    });
  });

  const statusPage = async (request: FastifyRequest<WithId>, values: FormBody) => {
    const v = await volunteers.ledVolunteer(request.user!, request.params.id);
    return {
      pageTitle: `Record a DBS Update Service status check for ${v.knownAs}`,
      back: paths.volunteers.volunteer(v.id),
      action: paths.volunteers.dbsStatus(v.id),
      results: DBS_STATUS_RESULTS.map((r) => ({ value: r.code, text: r.label, hint: { text: r.hint }, checked: values.result === r.code })),
      values,
      fieldErrors: {},
    };
  };
  app.get<WithId>(paths.volunteers.dbsStatus(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) =>
    reply.view(`${V}dbs-status.njk`, await statusPage(request, {})),
  );
  app.post<WithId>(paths.volunteers.dbsStatus(':id'), { preHandler: requireRole('volunteer_lead') }, async (request, reply) => {
    await volunteers.ledVolunteer(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: statusCheckForm,
      view: `${V}dbs-status.njk`,
      context: (values) => statusPage(request, values),
      handle: async (input) => {
        await recruitment.recordStatusCheck(request.user!, request.params.id, input);
        return `${paths.volunteers.volunteer(request.params.id)}?done=status`;
      },
    });
  });
}
