import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { Conflict } from '../../../domain/errors.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { statusChangeForm } from './status-change.form.ts';
import { flashFrom } from '../../flash.ts';
import { referralPageView } from './referral.view-model.ts';

export type WithId = { Params: { id: string } };

const FLASH: Record<string, string> = {
  draft: 'Draft saved. Send it when you are ready.',
  sent: 'Referral sent. The provider has been told.',
  taken: 'You have taken this referral: the person is now in your caseload. Check it with them, then send it.',
  accepted: 'Accepted. The referrer has been told.',
  declined: 'Declined. The referrer has been told.',
  waiting_list: 'They are on the waiting list.',
  first_visit_planned: 'First visit plan saved.',
  attending: 'Marked as attending.',
  completed: 'Referral completed.',
  stopped: 'Referral stopped.',
  withdrawn: 'Referral withdrawn.',
};

const VIEW = 'features/referrals/referral.njk';

async function referralContext(services: Services, request: FastifyRequest<WithId>, provider: boolean, values?: FormBody) {
  const v = await services.referral.referrals.view(request.user!, request.params.id);
  const r = referralPageView(v, { provider, values });
  return { pageTitle: r.pageTitle, r };
}

/** Renders the referral page for either side. */
export async function renderReferral(services: Services, request: FastifyRequest<WithId>, reply: FastifyReply, opts: { provider: boolean }) {
  return reply.view(VIEW, { ...(await referralContext(services, request, opts.provider)), flash: flashFrom(request.query, FLASH) });
}

/** A status change: POST → 303 → the page; invalid input re-renders with 422; a stale or full change with 409. */
export async function postStatus(services: Services, request: FastifyRequest<WithId>, reply: FastifyReply, provider: boolean, pageHref: string) {
  return handleForm(request, reply, {
    schema: statusChangeForm,
    view: VIEW,
    context: (values) => referralContext(services, request, provider, values),
    handle: async (change) => {
      try {
        await services.referral.referrals.change(request.user!, request.params.id, change);
        return `${pageHref}?done=${encodeURIComponent(change.to)}`;
      } catch (err) {
        if (!(err instanceof Conflict)) throw err;
        return reply.status(409).view(VIEW, {
          ...(await referralContext(services, request, provider)),
          errors: [{ text: err.message, href: '#actions' }],
          fieldErrors: {},
        });
      }
    },
  });
}
