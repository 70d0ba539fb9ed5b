import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { ParticipantRecord, ParticipantRepository } from '../data/repositories/participant.repository.ts';
import { canSeeParticipant } from '../domain/access-policy.ts';
import type { Clock } from '../domain/clock.ts';
import { type FieldError, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { isFullPostcode, isOutcode, normalisePostcode } from '../domain/contact-details.ts';
import type { Participant } from '../domain/participant.ts';
import { PARTICIPANT_FIELDS, type ParticipantInput } from '../domain/participant-form.ts';
import type { User } from '../domain/user.ts';

/**
 * Participant records: link workers keep their caseload (their team's too when the team shares);
 * coordinators see their scheme's. Every view and change is audited by field name, never value.
 */
export function createParticipantService(deps: {
  db: Db;
  participants: ParticipantRepository;
  geography: GeographyRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { db, participants, geography, audit, clock } = deps;

  async function teamOrganisations(user: User): Promise<string[]> {
    return user.role === 'link_worker' ? participants.sharingOrganisations(user.organisationIds) : [];
  }

  /** May this user see this person? Others' records are "not found", never "forbidden". */
  async function canSee(user: User, p: Participant): Promise<boolean> {
    const team = await teamOrganisations(user);
    return canSeeParticipant(user, p, { teamSharesCaseload: p.organisationId !== null && team.includes(p.organisationId) });
  }

  async function visible(user: User, id: string): Promise<Participant> {
    const p = await participants.findById(id);
    if (!p || !(await canSee(user, p))) throw new NotFound('Person');
    return p;
  }

  /** Only link workers change records: coordinators read them. */
  async function editable(user: User, id: string): Promise<Participant> {
    if (user.role !== 'link_worker') throw new Forbidden('Only link workers can change a person’s details');
    const p = await visible(user, id);
    if (p.anonymisedAt) throw new NotFound('Person');
    return p;
  }

  /** Places the postcode as typed (a full postcode or an outcode) on the grid; it is stored normalised (decision 023). */
  type Located = Pick<ParticipantRecord, 'postcode' | 'easting' | 'northing'>;
  async function find(typed: string): Promise<Located | FieldError> {
    if (typed === '') return { postcode: null, easting: null, northing: null };
    const code = normalisePostcode(typed);
    const full = isFullPostcode(code);
    if (!full && !isOutcode(code)) return { field: 'postcode', message: 'Enter a real postcode, like NR30 1NE' };
    const point = full ? await geography.findPostcode(code) : await geography.findOutcode(code);
    if (!point) return { field: 'postcode', message: 'We could not find this postcode. Check it, or leave it blank' };
    return { postcode: code, easting: point.easting, northing: point.northing };
  }

  async function locate(input: ParticipantInput): Promise<ParticipantRecord> {
    const located = await find(input.postcode?.trim() ?? '');
    if ('field' in located) throw new ValidationFailed([located]);
    return { ...input, ...located };
  }

  return {
    canSee,
    visible,

    /** Before the edit form is read: the person must be one this user may change (not audited: nothing is shown). */
    async checkCanEdit(user: User, id: string): Promise<void> {
      await editable(user, id);
    },

    /** The form's postcode problem, if any, so it shows with the form's other problems. */
    async postcodeProblems(typed: string): Promise<FieldError[]> {
      const found = await find(typed.trim());
      return 'field' in found ? [found] : [];
    },

    /** The caseload page: whose records, and whether the team's are included. */
    async caseload(user: User) {
      if (user.role === 'coordinator') {
        if (!user.schemeId) return { scope: 'scheme' as const, rows: [] };
        const rows = await participants.caseloadOfScheme(user.schemeId);
        await audit.record({ actorId: user.id, action: 'caseload.viewed', subjectType: 'scheme', subjectId: user.schemeId, detail: { count: rows.length } });
        return { scope: 'scheme' as const, rows };
      }
      if (user.role !== 'link_worker') throw new Forbidden();
      const team = await teamOrganisations(user);
      const rows = await participants.caseloadFor(user.id, team);
      await audit.record({ actorId: user.id, action: 'caseload.viewed', subjectType: 'user', subjectId: user.id, detail: { count: rows.length } });
      return { scope: team.length > 0 ? ('team' as const) : ('own' as const), rows };
    },

    /** One person's record, for reading. Audited. */
    async view(user: User, id: string, purpose: 'page' | 'edit' = 'page') {
      const p = purpose === 'edit' ? await editable(user, id) : await visible(user, id);
      await audit.record({ actorId: user.id, action: 'participant.viewed', subjectType: 'participant', subjectId: p.id, detail: { purpose } });
      return {
        participant: p,
        caseworkerName: await participants.userName(p.caseworkerId),
        referrals: purpose === 'page' ? await participants.referralsOf(p.id) : [],
        canEdit: user.role === 'link_worker' && !p.anonymisedAt,
      };
    },

    async create(user: User, input: ParticipantInput): Promise<string> {
      if (user.role !== 'link_worker') throw new Forbidden('Only link workers can add people');
      if (!user.schemeId) throw new Forbidden('Your account is not part of a scheme yet. Ask an administrator to add you to one.');
      const record = await locate(input);
      const organisationId = user.organisationIds[0] ?? null;
      return db.transaction(async (tx) => {
        const id = await participants.insert({ ...record, schemeId: user.schemeId!, organisationId, caseworkerId: user.id, at: clock.now() }, tx);
        const fields = PARTICIPANT_FIELDS.filter((f) => !isEmpty(record[f]));
        await audit.record({ actorId: user.id, action: 'participant.created', subjectType: 'participant', subjectId: id, detail: { fields } }, tx);
        return id;
      });
    },

    async update(user: User, id: string, input: ParticipantInput): Promise<string[]> {
      const before = await editable(user, id);
      const record = await locate(input);
      const changed = PARTICIPANT_FIELDS.filter((f) => !same(before[f], record[f]));
      if (changed.length === 0) return changed;
      await db.transaction(async (tx) => {
        await participants.update(id, record, clock.now(), tx);
        await audit.record({ actorId: user.id, action: 'participant.updated', subjectType: 'participant', subjectId: id, detail: { fields: changed } }, tx);
      });
      return changed;
    },
  };
}

const isEmpty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export type ParticipantService = ReturnType<typeof createParticipantService>;
