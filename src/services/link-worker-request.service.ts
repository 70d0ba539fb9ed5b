import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ConsentRepository } from '../data/repositories/consent.repository.ts';
import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { LinkWorkerRequestRepository } from '../data/repositories/link-worker-request.repository.ts';
import type { NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { ParticipantRepository } from '../data/repositories/participant.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { isFullPostcode, isOutcode, normalisePostcode } from '../domain/contact-details.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { FLAG_AFTER_WORKING_DAYS, HAND_OFF_CONSENT_WORDS, type NewLinkWorkerRequest, PURGE_AFTER_DAYS } from '../domain/link-worker-request.ts';
import { PARTICIPANT_FIELDS } from '../domain/participant-form.ts';
import { PHONE_LINE_ROLES } from '../domain/phone-line.ts';
import { countOf } from '../domain/plural.ts';
import type { User } from '../domain/user.ts';
import { labelsOf, NEEDS } from '../domain/vocabulary.ts';
import { responseDueAt, workingDaysBetween } from '../domain/working-days.ts';

const DAY = 24 * 3600 * 1000;

/** A typed postcode, normalised, and its outward code; null when it is neither a full postcode nor an outward code. */
export function callerPostcode(typed: string): { postcode: string; outcode: string } | null {
  const postcode = normalisePostcode(typed.trim());
  if (isFullPostcode(postcode)) return { postcode, outcode: postcode.slice(0, -3) };
  if (isOutcode(postcode)) return { postcode, outcode: postcode };
  return null;
}

/**
 * A caller on the phone line asks to talk to a link worker (issue 10, decision 039): whoever answers
 * puts the request, with the caller's consent, in the queue of the scheme covering their postcode.
 * One of the scheme's link workers takes it: that makes a person in their caseload (with the consent
 * recorded) and leaves no contact details on the request.
 */
export function createLinkWorkerRequestService(deps: {
  db: Db;
  requests: LinkWorkerRequestRepository;
  participants: ParticipantRepository;
  consents: ConsentRepository;
  geography: GeographyRepository;
  notifications: NotificationRepository;
  audit: AuditRepository;
  clock: Clock;
  caseloadUrl: string;
}) {
  const { db, requests, participants, consents, geography, notifications, audit, clock } = deps;

  const mustAnswerPhone = (user: User) => {
    if (!(PHONE_LINE_ROLES as readonly string[]).includes(user.role)) throw new Forbidden();
  };

  async function schemesFor(typed: string) {
    const found = callerPostcode(typed);
    if (!found) throw new ValidationFailed([{ field: 'postcode', message: 'Enter the caller’s postcode, like NR30 1NE, or its first part, like NR30' }]);
    return { ...found, schemes: await requests.schemesCovering(found.outcode) };
  }

  return {
    /** The schemes covering the caller's postcode; when none does, every scheme with its coordinators to call instead. */
    async schemesFor(user: User, typed: string) {
      mustAnswerPhone(user);
      const found = await schemesFor(typed);
      return { ...found, others: found.schemes.length === 0 ? await requests.schemesWithCoordinators() : [] };
    },

    /** Puts the request in the scheme's queue. The scheme must cover the postcode; consent is checked at the edge and recorded here in words. */
    async create(user: User, input: NewLinkWorkerRequest): Promise<string> {
      mustAnswerPhone(user);
      const { postcode, schemes } = await schemesFor(input.postcode);
      if (!schemes.some((s) => s.id === input.schemeId)) {
        throw new ValidationFailed([{ field: 'schemeId', message: 'Choose a scheme that covers the caller’s postcode' }]);
      }
      const point = isFullPostcode(postcode) ? await geography.findPostcode(postcode) : await geography.findOutcode(postcode);
      return db.transaction(async (tx) => {
        const id = await requests.insert(
          {
            ...input,
            postcode,
            easting: point?.easting ?? null,
            northing: point?.northing ?? null,
            consentWords: HAND_OFF_CONSENT_WORDS,
            createdBy: user.id,
            at: clock.now(),
          },
          tx,
        );
        await audit.record(
          { actorId: user.id, action: 'link_worker_request.created', subjectType: 'link_worker_request', subjectId: id, detail: { schemeId: input.schemeId } },
          tx,
        );
        return id;
      });
    },

    /** The scheme's open requests, oldest first, with how long each has waited. Link workers and coordinators of the scheme. Audited. */
    async queue(user: User) {
      if (user.role !== 'link_worker' && user.role !== 'coordinator') throw new Forbidden();
      if (!user.schemeId) return [];
      const open = await requests.openFor(user.schemeId);
      await audit.record({
        actorId: user.id,
        action: 'link_worker_request.queue_viewed',
        subjectType: 'scheme',
        subjectId: user.schemeId,
        detail: { count: open.length },
      });
      const now = clock.now();
      return open.map((r) => ({
        id: r.id,
        preferredName: r.preferredName,
        needs: labelsOf(NEEDS, r.needs),
        note: r.note,
        createdAt: r.createdAt,
        waitedWorkingDays: Math.max(0, workingDaysBetween(r.createdAt, now)),
        overdue: now.getTime() > responseDueAt(r.createdAt, FLAG_AFTER_WORKING_DAYS).getTime(),
      }));
    },

    /**
     * Takes a request: one link worker of the scheme wins (the row is locked, then moved on only while
     * open); the caller becomes a person in their caseload with the consent they gave, and the request
     * keeps no contact details. Another scheme's request is "not found"; one already taken is a 409.
     */
    async take(user: User, id: string): Promise<string> {
      if (user.role !== 'link_worker') throw new Forbidden('Only link workers take requests');
      if (!user.schemeId) throw new NotFound('Request');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const r = await requests.lock(id, tx);
        if (!r || r.schemeId !== user.schemeId) throw new NotFound('Request');
        if (r.status !== 'open') throw new Conflict(`This request has already been taken by ${r.takenByName ?? 'another link worker'}`);
        const record = {
          preferredName: r.preferredName,
          contactPreference: r.contactPreference,
          phone: r.phone,
          email: r.email,
          address: null,
          postcode: r.postcode,
          easting: r.easting,
          northing: r.northing,
          ageBand: null,
          whatMatters: r.note,
          tags: [],
          needs: r.needs,
          interests: [],
          barriers: [],
          accessNeeds: [],
          languages: [],
          availableDays: [],
          availableTimes: [],
        };
        const participantId = await participants.insert(
          { ...record, schemeId: user.schemeId!, organisationId: user.organisationIds[0] ?? null, caseworkerId: user.id, at: now },
          tx,
        );
        if (!(await requests.markTaken(r.id, user.id, participantId, now, tx))) throw new Conflict('This request has already been taken');
        await consents.insert(
          { participantId, purpose: 'follow_up', method: 'verbal', givenAt: r.createdAt, recordedBy: r.createdBy ?? user.id, note: r.consentWords },
          tx,
        );
        const fields = PARTICIPANT_FIELDS.filter((f) => {
          const v = record[f];
          return v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
        });
        await audit.record({ actorId: user.id, action: 'participant.created', subjectType: 'participant', subjectId: participantId, detail: { fields } }, tx);
        await audit.record(
          {
            actorId: user.id,
            action: 'consent.recorded',
            subjectType: 'participant',
            subjectId: participantId,
            detail: { purposes: ['follow_up'], method: 'verbal' },
          },
          tx,
        );
        await audit.record(
          { actorId: user.id, action: 'link_worker_request.taken', subjectType: 'link_worker_request', subjectId: r.id, detail: { participantId } },
          tx,
        );
        return participantId;
      });
    },

    /**
     * Closes a request without taking it (the caller no longer wants a call, or asked to be forgotten):
     * the scheme's link workers or coordinators; the caller's details are blanked as when it is taken.
     */
    async close(user: User, id: string): Promise<void> {
      if (user.role !== 'link_worker' && user.role !== 'coordinator') throw new Forbidden();
      if (!user.schemeId || !(await requests.existsIn(id, user.schemeId))) throw new NotFound('Request');
      if (!(await requests.markClosed(id, user.schemeId, clock.now()))) throw new Conflict('This request has already been taken or closed');
      await audit.record({ actorId: user.id, action: 'link_worker_request.closed', subjectType: 'link_worker_request', subjectId: id, detail: {} });
    },

    /**
     * The daily job: open requests nobody took by the end of the second working day are flagged to the
     * scheme's coordinators by email, each once; requests never taken are deleted after 90 days.
     */
    async flagAndPurge(now: Date): Promise<{ flagged: number; purged: number }> {
      const waiting = await requests.openBefore(now);
      const due = waiting.filter((r) => now.getTime() > responseDueAt(r.createdAt, FLAG_AFTER_WORKING_DAYS).getTime()).map((r) => r.id);
      const flagged = await db.transaction(async (tx) => {
        const claimed = await requests.markFlagged(due, now, tx);
        const bySchemes = new Map<string, number>();
        for (const c of claimed) bySchemes.set(c.schemeId, (bySchemes.get(c.schemeId) ?? 0) + 1);
        for (const [schemeId, count] of bySchemes) {
          for (const coordinator of await requests.coordinatorEmails(schemeId, tx)) {
            await notifications.insert(
              {
                channel: 'email',
                recipient: coordinator.email,
                subject: 'People waiting to talk to a link worker',
                body: [
                  `${countOf(count, 'person')} asked on the phone line to talk to a link worker in your scheme and nobody has taken their request for ${FLAG_AFTER_WORKING_DAYS} working days.`,
                  '',
                  `See them on the caseload page: ${deps.caseloadUrl}`,
                ].join('\n'),
                userId: coordinator.id,
                createdAt: now,
              },
              tx,
            );
          }
        }
        for (const c of claimed) {
          await audit.record({ actorId: null, action: 'link_worker_request.flagged', subjectType: 'link_worker_request', subjectId: c.id, detail: {} }, tx);
        }
        return claimed.length;
      });
      const purged = await requests.purgeUntakenBefore(new Date(now.getTime() - PURGE_AFTER_DAYS * DAY));
      return { flagged, purged };
    },
  };
}

export type LinkWorkerRequestService = ReturnType<typeof createLinkWorkerRequestService>;
