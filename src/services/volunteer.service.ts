import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { VolunteerRecruitmentRepository } from '../data/repositories/volunteer-recruitment.repository.ts';
import type { VolunteerProfile, VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { isFullPostcode, isOutcode, normalisePostcode } from '../domain/contact-details.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldError } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import type { Volunteer, VolunteerStatus } from '../domain/volunteer.ts';
import { effectiveExpiry, latestOf, matchingBlockers } from '../domain/volunteer-readiness.ts';
import { stepsFor } from '../domain/volunteer-checks.ts';
import type { VolunteerReadiness } from './volunteer-readiness.service.ts';

/** A volunteer's own profile as they post it (parsed at the edge); the postcode as typed. */
export type VolunteerProfileInput = Omit<VolunteerProfile, 'easting' | 'northing' | 'postcode'> & { postcode: string };

export type VolunteerFilters = { status: VolunteerStatus | null; organisationId: string | null };

/**
 * Volunteers (issue 9): a buddy or connector sees and edits their own record, and can pause or stop;
 * a volunteer lead sees the volunteers of the organisations they belong to, and nobody else's.
 */
export function createVolunteerService(deps: {
  db: Db;
  volunteers: VolunteerRepository;
  recruitment: VolunteerRecruitmentRepository;
  readiness: VolunteerReadiness;
  geography: GeographyRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { db, volunteers, recruitment, readiness, geography, audit, clock } = deps;

  async function own(user: User): Promise<Volunteer> {
    if (user.role !== 'buddy' && user.role !== 'connector') throw new Forbidden();
    const v = await volunteers.forUser(user.id);
    if (!v) throw new NotFound('Volunteer record');
    return v;
  }

  /** A volunteer of one of the lead's organisations; any other is "not found". */
  async function led(user: User, id: string): Promise<Volunteer> {
    if (user.role !== 'volunteer_lead') throw new Forbidden();
    const v = await volunteers.find(id);
    if (!v || !user.organisationIds.includes(v.organisationId)) throw new NotFound('Volunteer');
    return v;
  }

  /** Places the postcode as typed on the grid (a full postcode or its first part); blank is none. */
  async function locate(typed: string): Promise<Pick<VolunteerProfile, 'postcode' | 'easting' | 'northing'> | FieldError> {
    if (typed.trim() === '') return { postcode: null, easting: null, northing: null };
    const code = normalisePostcode(typed);
    const full = isFullPostcode(code);
    if (!full && !isOutcode(code)) return { field: 'postcode', message: 'Enter a real postcode, like NG7 2RD' };
    const point = full ? await geography.findPostcode(code) : await geography.findOutcode(code);
    if (!point) return { field: 'postcode', message: 'We could not find this postcode. Check it, or leave it blank' };
    return { postcode: code, easting: point.easting, northing: point.northing };
  }

  async function move(user: User, from: VolunteerStatus[], to: VolunteerStatus, action: 'volunteer.paused' | 'volunteer.stopped' | 'volunteer.resumed') {
    const v = await own(user);
    await db.transaction(async (tx) => {
      if (!(await volunteers.setStatus(v.id, from, to, clock.now(), tx))) throw new Conflict('Your volunteering has already changed');
      await audit.record({ actorId: user.id, action, subjectType: 'volunteer', subjectId: v.id, detail: { from: v.status, to } }, tx);
    });
  }

  return {
    readiness,

    /**
     * For buddy matching (issue 9 part B): each volunteer id → the reasons in plain words they cannot
     * be matched on `on` (default now), empty when they can. Check access to the volunteers first.
     */
    matchingBlockers: readiness.matchingBlockers,

    /** The signed-in volunteer's own record (undefined for a connector who has none yet). */
    async yourVolunteering(user: User) {
      if (user.role !== 'buddy' && user.role !== 'connector') throw new Forbidden();
      const v = await volunteers.forUser(user.id);
      if (!v) return undefined;
      const input = (await readiness.inputs([v.id], clock.now())).get(v.id)!;
      return { volunteer: v, blockers: matchingBlockers(input) };
    },

    /** The profile form: their own record only. */
    profile: own,

    /** The form's postcode problem, if any, so it shows with the form's other problems. */
    async postcodeProblems(typed: string): Promise<FieldError[]> {
      const found = await locate(typed);
      return 'field' in found ? [found] : [];
    },

    async updateProfile(user: User, input: VolunteerProfileInput) {
      const v = await own(user);
      const located = await locate(input.postcode);
      if ('field' in located) throw new ValidationFailed([located]);
      await db.transaction(async (tx) => {
        await volunteers.updateProfile(v.id, { ...input, ...located }, clock.now(), tx);
        // The audit says what changed, not the new values (they are personal data).
        const changed = (Object.keys(input) as (keyof VolunteerProfileInput)[]).filter(
          (k) => JSON.stringify(k === 'postcode' ? located.postcode : input[k]) !== JSON.stringify(v[k]),
        );
        await audit.record({ actorId: user.id, action: 'volunteer.profile_updated', subjectType: 'volunteer', subjectId: v.id, detail: { changed } }, tx);
      });
    },

    /** Taking a break: not offered to anyone until they come back. */
    pause: (user: User) => move(user, ['in_recruitment', 'ready'], 'paused', 'volunteer.paused'),
    /** Stopping for good (their lead can still see the record until it is deleted). */
    stop: (user: User) => move(user, ['in_recruitment', 'ready', 'paused'], 'stopped', 'volunteer.stopped'),
    /** Back from a break: ready again if their lead had marked them ready, otherwise still getting ready. */
    async resume(user: User) {
      const v = await own(user);
      const steps = await recruitment.stepsOf([v.id]);
      const to = steps.some((s) => s.step === 'ready') ? 'ready' : 'in_recruitment';
      await move(user, ['paused'], to, 'volunteer.resumed');
    },

    /** A volunteer lead's volunteers, across their host organisations, filtered, each with what blocks them. */
    async leadVolunteers(user: User, filters: VolunteerFilters = { status: null, organisationId: null }) {
      if (user.role !== 'volunteer_lead') throw new Forbidden();
      const all = await volunteers.ofOrganisations(user.organisationIds);
      const list = all.filter(
        (v) => (!filters.status || v.status === filters.status) && (!filters.organisationId || v.organisationId === filters.organisationId),
      );
      const blockers = await readiness.matchingBlockers(list.map((v) => v.id));
      const organisations = [...new Map(all.map((v) => [v.organisationId, v.organisationName])).entries()]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { volunteers: list.map((v) => ({ volunteer: v, blockers: blockers.get(v.id) ?? [] })), organisations };
    },

    /** One volunteer as their lead sees them: profile, recruitment steps, training and checks, blockers. Audited. */
    async volunteerForLead(user: User, id: string) {
      const v = await led(user, id);
      const role = (await volunteers.role(v.volunteerRoleId))!;
      const input = (await readiness.inputs([v.id], clock.now())).get(v.id)!;
      const [types, records, statusChecks, steps] = await Promise.all([
        recruitment.checkTypes(),
        recruitment.checksOf([v.id]),
        recruitment.statusChecksOf([v.id]),
        recruitment.stepsOf([v.id]),
      ]);
      await audit.record({ actorId: user.id, action: 'volunteer.viewed', subjectType: 'volunteer', subjectId: v.id });
      return {
        volunteer: v,
        role,
        blockers: matchingBlockers(input),
        today: input.today,
        steps: stepsFor(role).map((step) => ({ step, record: steps.find((s) => s.step === step) })),
        required: input.required.map((type) => {
          const record = latestOf(records, type.id);
          return { type, record, expiresOn: record ? effectiveExpiry(type, record, statusChecks) : null };
        }),
        types,
        records,
        statusChecks,
      };
    },

    /** Checks the lead may see the volunteer (404 otherwise), for forms about them. */
    ledVolunteer: led,
  };
}

export type VolunteerService = ReturnType<typeof createVolunteerService>;
