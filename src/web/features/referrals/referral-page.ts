import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { Conflict, ValidationFailed } from '../../../domain/errors.ts';
import { toErrorItems } from '../../forms.ts';
import { flashFrom } from '../provider/form-post.ts';
import { referralPageView } from './referral.view-model.ts';

export type WithId = { Params: { id: string } };

const FLASH: Record<string, string> = {
  draft: 'Draft saved. Send it when you are ready.',
  sent: 'Referral sent. The provider has been told.',
  accepted: 'Accepted. The referrer has been told.',
  declined: 'Declined. The referrer has been told.',
  waiting_list: 'They are on the waiting list.',
  first_visit_planned: 'First visit plan saved.',
  attending: 'Marked as attending.',
  completed: 'Referral completed.',
  stopped: 'Referral stopped.',
  withdrawn: 'Referral withdrawn.',
};

/** Renders the referral page for either side, with errors when an action was refused. */
export async function renderReferral(
  services: Services, request: FastifyRequest<WithId>, reply: FastifyReply,
  opts: { provider: boolean; status?: number; errors?: { errors: { text: string; href: string }[]; fieldErrors: Record<string, string> }; values?: Record<string, unknown> },
) {
  const v = await services.referral.referrals.view(request.user!, request.params.id);
  const r = referralPageView(v, { provider: opts.provider, values: opts.values });
  return reply.status(opts.status ?? 200).view('features/referrals/referral.njk', {
    pageTitle: r.pageTitle, r, flash: opts.errors ? undefined : flashFrom(request.query, FLASH), ...opts.errors,
  });
}

/** A status change: POST → 303 → the page; invalid input re-renders with 422; a stale or full change with 409. */
export async function postStatus(services: Services, request: FastifyRequest<WithId>, reply: FastifyReply, provider: boolean, pageHref: string) {
  const body = (request.body ?? {}) as Record<string, unknown>;
  try {
    await services.referral.referrals.change(request.user!, request.params.id, body);
    return reply.redirect(`${pageHref}?done=${encodeURIComponent(String(body.to))}`, 303);
  } catch (err) {
    if (err instanceof ValidationFailed) return renderReferral(services, request, reply, { provider, status: 422, errors: toErrorItems(err.errors), values: body });
    if (err instanceof Conflict) {
      return renderReferral(services, request, reply, { provider, status: 409, errors: { errors: [{ text: err.message, href: '#actions' }], fieldErrors: {} } });
    }
    throw err;
  }
}
