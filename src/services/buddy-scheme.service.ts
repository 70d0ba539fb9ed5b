import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { BuddySchemeRepository } from '../data/repositories/buddy-scheme.repository.ts';
import type { BuddyScheme, BuddySchemeInput, LoneWorkingSettings } from '../domain/buddy-scheme.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { UUID_PATTERN } from '../domain/ids.ts';
import type { User } from '../domain/user.ts';

/**
 * Buddy schemes, kept by each scheme's coordinators (administrators: none of their own, as schemes
 * are local). Link workers refer to the active ones in their scheme (referral.service).
 */
export function createBuddySchemeService(deps: { db: Db; buddySchemes: BuddySchemeRepository; audit: AuditRepository; clock: Clock }) {
  const { db, buddySchemes, audit, clock } = deps;

  function coordinatorScheme(user: User): string {
    if (user.role !== 'coordinator' || !user.schemeId) throw new Forbidden('Only a scheme’s coordinators keep its buddy schemes');
    return user.schemeId;
  }

  /** One of this coordinator's scheme's buddy schemes; anyone else's is not found. */
  async function own(user: User, id: string): Promise<BuddyScheme> {
    const schemeId = coordinatorScheme(user);
    const found = UUID_PATTERN.test(id) ? await buddySchemes.find(id) : undefined;
    if (!found || found.schemeId !== schemeId) throw new NotFound('Buddy scheme');
    return found;
  }

  /** A buddy scheme whose lone-working settings this user keeps: its coordinators, or the volunteer leads running it. */
  async function settingsScheme(user: User, id: string): Promise<BuddyScheme> {
    if (user.role === 'coordinator') return own(user, id);
    const found = user.role === 'volunteer_lead' && UUID_PATTERN.test(id) ? await buddySchemes.find(id) : undefined;
    if (!found || !user.organisationIds.includes(found.organisationId)) throw new NotFound('Buddy scheme');
    return found;
  }

  /** The organisation must be an approved heritage organisation working with the scheme. */
  async function checkedFor(schemeId: string, input: BuddySchemeInput) {
    const organisations = await buddySchemes.organisationsInScheme(schemeId);
    if (!organisations.some((o) => o.id === input.organisationId)) {
      throw new ValidationFailed([{ field: 'organisationId', message: 'Choose an organisation that works with your scheme' }]);
    }
    return input;
  }

  const record = (user: User, action: AuditAction, id: string, tx: Db) =>
    audit.record({ actorId: user.id, action, subjectType: 'buddy_scheme', subjectId: id }, tx);

  return {
    /** The coordinator's list: active and paused. */
    async listForCoordinator(user: User): Promise<BuddyScheme[]> {
      return buddySchemes.forScheme(coordinatorScheme(user), { activeOnly: false });
    },

    /** Organisations the coordinator may choose to run a buddy scheme. */
    async organisationChoices(user: User) {
      return buddySchemes.organisationsInScheme(coordinatorScheme(user));
    },

    get: own,

    async create(user: User, body: BuddySchemeInput): Promise<string> {
      const schemeId = coordinatorScheme(user);
      const input = await checkedFor(schemeId, body);
      return db.transaction(async (tx) => {
        const id = await buddySchemes.insert(schemeId, input, clock.now(), tx);
        await record(user, 'buddy_scheme.created', id, tx);
        return id;
      });
    },

    async update(user: User, id: string, body: BuddySchemeInput): Promise<void> {
      const existing = await own(user, id);
      const input = await checkedFor(existing.schemeId, body);
      await db.transaction(async (tx) => {
        await buddySchemes.update(id, input, clock.now(), tx);
        await record(user, 'buddy_scheme.updated', id, tx);
      });
    },

    /** Paused schemes take no new referrals; referrals already made carry on. */
    async setActive(user: User, id: string, active: boolean): Promise<void> {
      await own(user, id);
      await db.transaction(async (tx) => {
        await buddySchemes.setActive(id, active, clock.now(), tx);
        await record(user, active ? 'buddy_scheme.resumed' : 'buddy_scheme.paused', id, tx);
      });
    },

    /**
     * The lone-working settings page is for the buddy scheme's coordinators (its scheme) and the
     * volunteer leads of the organisation that runs it; anyone else gets "not found".
     */
    async loneWorking(user: User, id: string): Promise<{ scheme: BuddyScheme; settings: LoneWorkingSettings }> {
      const scheme = await settingsScheme(user, id);
      const settings = await buddySchemes.loneWorking(scheme.id);
      if (!settings) throw new NotFound('Buddy scheme');
      return { scheme, settings };
    },

    /** The buddy schemes a volunteer lead's organisations run (their lone-working settings are theirs to keep). */
    async forVolunteerLead(user: User): Promise<BuddyScheme[]> {
      return user.role === 'volunteer_lead' ? buddySchemes.forOrganisations(user.organisationIds) : [];
    },

    async updateLoneWorking(user: User, id: string, input: LoneWorkingSettings): Promise<void> {
      const scheme = await settingsScheme(user, id);
      await db.transaction(async (tx) => {
        await buddySchemes.updateLoneWorking(scheme.id, input, clock.now(), tx);
        await record(user, 'buddy_scheme.lone_working_changed', scheme.id, tx);
      });
    },

    /** What a link worker may refer to: the active buddy schemes of the person's scheme. */
    activeIn: (schemeId: string) => buddySchemes.forScheme(schemeId, { activeOnly: true }),
  };
}

export type BuddySchemeService = ReturnType<typeof createBuddySchemeService>;
