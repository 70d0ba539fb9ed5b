import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { VolunteerPathwayRepository } from '../data/repositories/volunteer-pathway.repository.ts';
import { canSeeParticipant } from '../domain/access-policy.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, Forbidden, NotFound } from '../domain/errors.ts';
import { UUID_PATTERN } from '../domain/ids.ts';
import { messageDate } from '../domain/message-date.ts';
import type { User } from '../domain/user.ts';
import { mayOfferVolunteering, PATHWAY_LINK_DAYS } from '../domain/volunteer-pathway.ts';

/** What the public form is pre-filled with: the least that gets the person in touch. */
export type Prefill = { knownAs: string; contactPreference: string; email: string; phone: string };

/**
 * Sustainability (issue 9, decision 034): the link worker sends a person whose prescription ended
 * with "become a buddy / connector / volunteer", and who agreed, the "Volunteer with us" form with
 * their name and contact filled in. The link is signed (HMAC of the pathway id and its expiry), so it
 * carries no personal data and needs no stored secret; the form stays editable, and the expression of
 * interest records that it came from a prescription.
 */
export function createVolunteerPathwayService(deps: {
  db: Db;
  pathways: VolunteerPathwayRepository;
  audit: AuditRepository;
  clock: Clock;
  secret: string;
  publicUrl: string;
}) {
  const { db, pathways, audit, clock } = deps;
  const sign = (payload: string) => createHmac('sha256', deps.secret).update(`volunteer-form:${payload}`).digest('base64url');

  function tokenFor(id: string, expiresAt: Date): string {
    const payload = `${id}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${payload}.${sign(payload)}`;
  }

  /** The pathway id of a well-signed, unexpired token; null for anything else. */
  function verify(token: string): string | null {
    const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m || !UUID_PATTERN.test(m[1]!)) return null;
    const expected = Buffer.from(sign(`${m[1]}.${m[2]}`));
    const given = Buffer.from(m[3]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return Number(m[2]) * 1000 > clock.now().getTime() ? m[1]! : null;
  }

  /** A referral the link worker may act for (their caseload, or their team's when shared); anyone else's is not found. */
  async function visible(user: User, referralId: string) {
    if (user.role !== 'link_worker') throw new Forbidden();
    const r = UUID_PATTERN.test(referralId) ? await pathways.referral(referralId) : undefined;
    if (!r?.participantId) throw new NotFound('Referral');
    const facts = { schemeId: r.schemeId, organisationId: r.participantOrganisationId, caseworkerId: r.caseworkerId };
    if (!canSeeParticipant(user, facts, { teamSharesCaseload: r.teamSharesCaseload })) throw new NotFound('Referral');
    return r;
  }

  return {
    /** The send page: only for a completed prescription whose next steps include volunteering. */
    async offer(user: User, referralId: string) {
      const r = await visible(user, referralId);
      if (!mayOfferVolunteering(r)) throw new NotFound('Referral');
      return {
        referralId: r.referralId,
        name: r.preferredName ?? '',
        contactPreference: r.contactPreference,
        hasEmail: Boolean(r.email),
        hasPhone: Boolean(r.phone),
      };
    },

    mayOffer: mayOfferVolunteering,

    /**
     * Sends the pre-filled form (the person agreed; the form says so). By email or text when that is
     * how they like to be contacted; the link worker sees the link once too, to read out or print.
     */
    async send(user: User, referralId: string): Promise<{ url: string; expiresAt: Date; sentBy: 'email' | 'text' | null; name: string }> {
      const r = await visible(user, referralId);
      if (!mayOfferVolunteering(r)) throw new Conflict('This prescription did not end with volunteering as a next step');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + PATHWAY_LINK_DAYS * 86_400_000);
      const channel = r.contactPreference === 'email' && r.email ? 'email' : r.contactPreference === 'text' && r.phone ? 'text' : null;
      let url = '';
      await db.transaction(async (tx) => {
        const id = await pathways.insert({ schemeId: r.schemeId, referralId: r.referralId, sentBy: user.id, sentAt: now, expiresAt }, tx);
        url = `${deps.publicUrl.replace(/\/$/, '')}/volunteer?invite=${tokenFor(id, expiresAt)}`;
        if (channel) {
          await pathways.queueMessage(tx, {
            channel,
            recipient: channel === 'email' ? r.email! : r.phone!,
            referralId: r.referralId,
            at: now,
            subject: 'Volunteering with heritage',
            body: `Hello ${r.preferredName ?? ''},\n\nAs we talked about, here is the form to offer to volunteer. Your name and contact details are filled in; change anything you like:\n${url}\n\nThe link works until ${messageDate(expiresAt)}.`,
          });
        }
        await audit.record(
          {
            actorId: user.id,
            action: 'participant.volunteer_form_sent',
            subjectType: 'participant',
            subjectId: r.participantId!,
            detail: { referralId: r.referralId, channel },
          },
          tx,
        );
      });
      return { url, expiresAt, sentBy: channel, name: r.preferredName ?? '' };
    },

    /** The public form's pre-filled values and pathway, or null when the link is not (or no longer) good. */
    async prefill(token: string): Promise<{ pathwayId: string; values: Prefill } | null> {
      const id = verify(token);
      const p = id ? await pathways.open(id, clock.now()) : undefined;
      if (!p) return null;
      const contactPreference = p.contactPreference === 'phone' || p.contactPreference === 'text' ? p.contactPreference : 'email';
      return { pathwayId: p.id, values: { knownAs: p.preferredName ?? '', contactPreference, email: p.email ?? '', phone: p.phone ?? '' } };
    },

    /** For the form's post: the pathway an expression of interest came from, with the way to record it. */
    from(token: string | null) {
      const id = token ? verify(token) : null;
      return id ? { pathwayId: id, markInterest: (organisationId: string, tx: Db) => pathways.markInterest(id, organisationId, clock.now(), tx) } : undefined;
    },
  };
}

export type VolunteerPathwayService = ReturnType<typeof createVolunteerPathwayService>;
