import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { QuestionnaireReferral, QuestionnaireRepository, ResponseToSave } from '../data/repositories/questionnaire.repository.ts';
import type { QuestionnaireWordingRepository } from '../data/repositories/questionnaire-wording.repository.ts';
import { canSeeParticipant } from '../domain/access-policy.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, DomainError, NotFound } from '../domain/errors.ts';
import type { Answers, InstrumentCode, TimePoint } from '../domain/instruments/instrument.ts';
import { DEFAULT_QUESTIONNAIRE, hasAnyAnswer, instrumentFor } from '../domain/instruments/registry.ts';
import { messageDate } from '../domain/message-date.ts';
import { dueState, dueTimePoints, linkExpiry, type DueState } from '../domain/instruments/time-points.ts';
import type { User } from '../domain/user.ts';

const TIME_POINT_CODES: readonly TimePoint[] = ['baseline', 'end', 'follow_up'];
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
/** Each instrument's answers at one time point, parsed at the edge. */
export type QuestionnaireAnswers = Map<InstrumentCode, Answers>;

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class NoQuestionnaireConsent extends Conflict {
  constructor() {
    super('The person has not agreed to wellbeing questionnaires (or has withdrawn their agreement)');
  }
}

export type DueItem = {
  referralId: string;
  participantName: string;
  activityTitle: string | null;
  timePoint: TimePoint;
  dueOn: Date;
  state: DueState;
  linkOpen: boolean;
  consented: boolean;
};

type Deps = {
  db: Db;
  questionnaires: QuestionnaireRepository;
  wordings: QuestionnaireWordingRepository;
  audit: AuditRepository;
  clock: Clock;
  publicUrl: string;
};

/** Collecting questionnaires: what is due, one-time links for participants, and answers entered with them. */
export function createQuestionnaireService(deps: Deps) {
  const { db, questionnaires: repo, audit, clock } = deps;

  async function visibleReferral(user: User, referralId: string, tx?: Db): Promise<QuestionnaireReferral> {
    if (!/^[0-9a-f-]{36}$/i.test(referralId)) throw new NotFound('Referral');
    const r = await repo.referral(referralId, tx);
    if (!r?.participantId) throw new NotFound('Referral');
    const facts = { schemeId: r.schemeId, organisationId: r.participantOrganisationId, caseworkerId: r.caseworkerId };
    if (!canSeeParticipant(user, facts, { teamSharesCaseload: r.teamSharesCaseload })) throw new NotFound('Referral');
    return r;
  }

  /** The time point must have fallen due and not yet be recorded. */
  async function openTimePoint(r: QuestionnaireReferral, timePoint: string, tx?: Db): Promise<TimePoint> {
    const tp = TIME_POINT_CODES.find((t) => t === timePoint);
    if (!tp) throw new NotFound('Questionnaire');
    const due = dueTimePoints(r).find((d) => d.timePoint === tp);
    if (!due || dueState(due.dueOn, clock.now()) === 'not_yet') throw new NotFound('Questionnaire');
    if ((await repo.recordedTimePoints(r.referralId, tx)).includes(tp)) throw new Conflict('This questionnaire has already been recorded');
    return tp;
  }

  async function requireConsent(r: QuestionnaireReferral, tx?: Db) {
    if (!r.participantId || !(await repo.hasQuestionnaireConsent(r.participantId, tx))) throw new NoQuestionnaireConsent();
  }

  function scoresFor(answers: QuestionnaireAnswers): ResponseToSave[] {
    return [...answers].filter(([, a]) => hasAnyAnswer(a)).map(([code, a]) => ({ instrument: code, answers: a, scores: instrumentFor(code)!.score(a) }));
  }

  return {
    /** "Questionnaires due": the link worker's caseload, each time point due or overdue and not yet recorded. */
    async due(user: User): Promise<DueItem[]> {
      const now = clock.now();
      const rows = await repo.dueForLinkWorker(user.id, user.organisationIds, now);
      const items: DueItem[] = [];
      for (const r of rows) {
        for (const d of dueTimePoints(r)) {
          const state = dueState(d.dueOn, now);
          if (state === 'not_yet' || r.recorded.includes(d.timePoint)) continue;
          items.push({
            referralId: r.referralId,
            participantName: r.preferredName ?? '',
            activityTitle: r.activityTitle,
            timePoint: d.timePoint,
            dueOn: d.dueOn,
            state,
            linkOpen: r.openLinks.includes(d.timePoint),
            consented: r.consented,
          });
        }
      }
      return items.sort((a, b) => a.dueOn.getTime() - b.dueOn.getTime());
    },

    /**
     * Licensed questionnaires in the standard set whose wording no administrator has loaded: their
     * statements show only as numbers, which a person answering alone through a link cannot use.
     */
    async missingWording(): Promise<string[]> {
      const loaded = new Set((await deps.wordings.all()).map((w) => w.instrument));
      return DEFAULT_QUESTIONNAIRE.map((code) => instrumentFor(code)!)
        .filter((i) => !i.licence.wordingShipped && !loaded.has(i.code))
        .map((i) => i.shortName);
    },

    /** The form a link worker fills in with the participant. */
    async formForLinkWorker(user: User, referralId: string, timePoint: string) {
      const r = await visibleReferral(user, referralId);
      const tp = await openTimePoint(r, timePoint);
      await requireConsent(r);
      await audit.record({
        actorId: user.id,
        action: 'participant.viewed',
        subjectType: 'participant',
        subjectId: r.participantId!,
        detail: { page: 'questionnaire', timePoint: tp },
      });
      return { timePoint: tp, participantName: r.preferredName ?? '', activityTitle: r.activityTitle, wordings: await deps.wordings.all() };
    },

    /** `answers`: parsed at the edge for the time point `formForLinkWorker` gave. */
    async recordWithLinkWorker(user: User, referralId: string, timePoint: string, answers: QuestionnaireAnswers) {
      const r = await visibleReferral(user, referralId);
      const tp = await openTimePoint(r, timePoint);
      const responses = scoresFor(answers);
      await db.transaction(async (tx) => {
        await requireConsent(r, tx);
        if ((await repo.recordedTimePoints(r.referralId, tx)).includes(tp)) throw new Conflict('This questionnaire has already been recorded');
        await repo.saveResponses(tx, { referralId: r.referralId, timePoint: tp, mode: 'with_link_worker', enteredBy: user.id, at: clock.now(), responses });
        await audit.record(
          {
            actorId: user.id,
            action: 'questionnaire.recorded',
            subjectType: 'participant',
            subjectId: r.participantId!,
            detail: { referralId: r.referralId, timePoint: tp },
          },
          tx,
        );
      });
    },

    /**
     * A one-time link for the participant (random token; only its hash is kept). It goes to them by
     * email or text when that is how they like to be contacted; the link worker also sees it once, to
     * read out or print. A new link replaces an unused one for the same time point.
     */
    async createLink(user: User, referralId: string, timePoint: string) {
      const r = await visibleReferral(user, referralId);
      const tp = await openTimePoint(r, timePoint);
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = linkExpiry(now);
      const url = `${deps.publicUrl.replace(/\/$/, '')}/questionnaire/${token}`;
      const channel = r.contactPreference === 'email' && r.email ? 'email' : r.contactPreference === 'text' && r.phone ? 'text' : null;
      await db.transaction(async (tx) => {
        await requireConsent(r, tx);
        await repo.createLink(tx, { tokenHash: hashToken(token), referralId: r.referralId, timePoint: tp, createdBy: user.id, now, expiresAt });
        if (channel) {
          await repo.queueMessage(tx, {
            channel,
            recipient: channel === 'email' ? r.email! : r.phone!,
            referralId: r.referralId,
            at: now,
            subject: 'Your wellbeing questionnaire',
            body: `Hello ${r.preferredName ?? ''},\n\nPlease tell us how you have been feeling. It takes about 5 minutes:\n${url}\n\nThe link works once and until ${messageDate(expiresAt)}.`,
          });
        }
        await audit.record(
          {
            actorId: user.id,
            action: 'questionnaire.link_created',
            subjectType: 'participant',
            subjectId: r.participantId!,
            detail: { referralId: r.referralId, timePoint: tp, channel },
          },
          tx,
        );
      });
      return { url, expiresAt, sentBy: channel, participantName: r.preferredName ?? '' };
    },

    /** The public form behind a link; NotFound for unknown tokens, Conflict (with a reason) for spent ones. */
    async openLink(token: string) {
      const link = await validLink(token);
      const r = await repo.referral(link.referralId);
      if (!r?.participantId) throw new NotFound('Questionnaire');
      await requireConsent(r);
      return { timePoint: link.timePoint, wordings: await deps.wordings.all() };
    },

    /** `answers`: parsed at the edge for the time point `openLink` gave. */
    async submitLink(token: string, answers: QuestionnaireAnswers) {
      const link = await validLink(token);
      const responses = scoresFor(answers);
      await db.transaction(async (tx) => {
        const r = await repo.referral(link.referralId, tx);
        if (!r?.participantId) throw new NotFound('Questionnaire');
        await requireConsent(r, tx);
        if (!(await repo.useLink(tx, link.id, clock.now()))) throw new LinkUnavailable('used');
        if ((await repo.recordedTimePoints(r.referralId, tx)).includes(link.timePoint)) throw new LinkUnavailable('used');
        await repo.saveResponses(tx, { referralId: r.referralId, timePoint: link.timePoint, mode: 'self', enteredBy: null, at: clock.now(), responses });
        await audit.record(
          {
            actorId: null,
            action: 'questionnaire.completed',
            subjectType: 'participant',
            subjectId: r.participantId,
            detail: { referralId: r.referralId, timePoint: link.timePoint },
          },
          tx,
        );
      });
    },
  };

  async function validLink(token: string) {
    if (!TOKEN_PATTERN.test(token)) throw new NotFound('Questionnaire');
    const link = await repo.linkByHash(hashToken(token));
    if (!link) throw new NotFound('Questionnaire');
    if (link.usedAt || link.revokedAt) throw new LinkUnavailable('used');
    if (link.expiresAt.getTime() <= clock.now().getTime()) throw new LinkUnavailable('expired');
    return link;
  }
}

/** A link that worked once but no longer does: used, replaced or expired (HTTP 410 Gone). */
export class LinkUnavailable extends DomainError {
  override readonly status = 410;
  constructor(readonly reason: 'used' | 'expired') {
    super(reason === 'expired' ? 'This questionnaire link has expired' : 'This questionnaire link has already been used');
  }
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
