import { countOf } from '../../../domain/plural.ts';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { REFERRAL_STATUSES, type ReplyState } from '../../../domain/referral.ts';
import { formatLongDate } from '../../../domain/schedule.ts';
import { formatUkDate, formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { handleForm, parseOrFail } from '../../forms.ts';
import { inboxQuery } from './inbox.query.ts';
import { registerForm } from './register.form.ts';
import { postStatus, renderReferral, type WithId } from '../referrals/referral-page.ts';
import { statusTag } from '../referrals/referral.view-model.ts';

const REPLY_TAGS: Record<ReplyState, { text: string; classes: string } | null> = {
  overdue: { text: 'Overdue', classes: 'nhsuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'nhsuk-tag--orange' },
  waiting: null,
  none: null,
};

const capacityText = (c: { capacity: number | null; taken: number }) =>
  c.capacity != null ? `${c.taken} of ${countOf(c.capacity, 'place')} taken by referrals` : `${countOf(c.taken, 'place')} taken by referrals (no limit given)`;

/** Provider staff: referrals to their organisation's activities, and attendance registers. */
export function registerInboxRoutes(app: FastifyInstance, services: Services) {
  const inbox = services.referral.inbox;
  const providers = { preHandler: requireRole('provider') };
  // Volunteer leads answer referrals to their organisation's buddy schemes here too (decision 033).
  const answerers = { preHandler: requireRole('provider', 'volunteer_lead') };

  app.get<{ Querystring: { status?: string } }>(paths.inbox.list, answerers, async (request, reply) => {
    const q = parseOrFail(inboxQuery, request.query);
    const d = await inbox.inbox(request.user!, q.status, q.reply);
    return reply.view('features/inbox/inbox.njk', {
      pageTitle: request.user!.role === 'volunteer_lead' ? 'Referrals to your buddy schemes' : 'Referrals to your activities',
      statusItems: [
        { value: 'open', text: 'Open referrals (still in progress)', selected: d.status === 'open' },
        { value: 'all', text: 'All referrals', selected: d.status === 'all' },
        ...REFERRAL_STATUSES.filter((s) => s.code !== 'draft').map((s) => ({ value: s.code, text: s.label, selected: s.code === d.status })),
      ],
      replyItems: [
        { value: 'any', text: 'Any reply date', selected: d.reply === 'any' },
        { value: 'overdue', text: 'Reply overdue', selected: d.reply === 'overdue' },
        { value: 'due_soon', text: 'Reply overdue or due in 2 working days', selected: d.reply === 'due_soon' },
      ],
      overdueCount: d.items.filter((i) => i.reply === 'overdue').length,
      overdueHref: `${paths.inbox.list}?reply=overdue`,
      items: d.items.map((i) => ({
        href: paths.inbox.referral(i.id),
        personName: i.participantName ?? 'Name removed',
        activity: i.activityTitle ?? '',
        tag: statusTag(i.status),
        sent: i.sentAt ? formatUkDateTime(i.sentAt) : '',
        replyBy: i.reply !== 'none' && i.responseDueAt ? formatUkDate(i.responseDueAt) : '',
        replyTag: REPLY_TAGS[i.reply],
        route: i.route,
      })),
      capacity: d.capacity.map((c) => ({ title: c.title, text: capacityText(c), registerHref: paths.inbox.register(c.id) })),
    });
  });

  app.get(paths.inbox.registers, providers, async (request, reply) => {
    const list = await inbox.registerActivities(request.user!);
    return reply.view('features/inbox/registers.njk', {
      pageTitle: 'Attendance registers',
      activities: list.map((c) => ({ title: c.title, text: capacityText(c), href: paths.inbox.register(c.id) })),
    });
  });

  type Register = { Params: { id: string }; Querystring: { date?: string } };
  async function registerContext(request: { user?: import('../../../domain/user.ts').User; params: { id: string } }, date: unknown, flash?: string) {
    // The session date comes from the query string or the posted form; one not listed shows the latest.
    const r = await inbox.register(request.user!, request.params.id, typeof date === 'string' ? date : undefined);
    return {
      pageTitle: `Register: ${r.activity.title}`,
      activity: r.activity,
      date: r.date,
      dateLabel: r.date ? formatLongDate(r.date) : null,
      dateItems: r.dates.map((d) => ({ value: d, text: formatLongDate(d), selected: d === r.date })),
      lines: r.lines.map((l) => ({
        name: `attended-${l.referralId}`,
        personName: l.preferredName,
        href: paths.inbox.referral(l.referralId),
        value: l.attended === null ? '' : l.attended ? 'yes' : 'no',
      })),
      action: paths.inbox.register(r.activity.id),
      flash,
      fieldErrors: {},
    };
  }

  app.get<Register>(paths.inbox.register(':id'), providers, async (request, reply) =>
    reply.view(
      'features/inbox/register.njk',
      await registerContext(request, request.query.date, (request.query as Record<string, string>).done === 'saved' ? 'Register saved.' : undefined),
    ),
  );

  app.post<Register>(paths.inbox.register(':id'), providers, async (request, reply) => {
    await inbox.register(request.user!, request.params.id); // someone else's activity is not found before any form errors
    return handleForm(request, reply, {
      schema: registerForm,
      view: 'features/inbox/register.njk',
      context: (values) => registerContext(request, values.date),
      handle: async (input) =>
        `${paths.inbox.register(request.params.id)}?date=${await inbox.saveRegister(request.user!, request.params.id, input)}&done=saved`,
    });
  });

  app.get<WithId>(paths.inbox.referral(':id'), answerers, async (request, reply) => renderReferral(services, request, reply, { provider: true }));
  app.post<WithId>(paths.inbox.status(':id'), answerers, async (request, reply) =>
    postStatus(services, request, reply, true, paths.inbox.referral(request.params.id)),
  );
}
