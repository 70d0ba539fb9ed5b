import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { SubjectAccessData, SubjectAccessMatch } from '../../domain/subject-access.ts';

/**
 * Subject access in words (decision 023): one person's data read with the names of what it points
 * at (scheme, team, organisations, activities, buddy schemes), the messages sent to them, and the
 * search an administrator uses to find them. Erased people leave a note (`erased_participants`).
 */
export type ErasedRecord = { participantId: string; schemeId: string | null; organisationId: string | null; caseworkerId: string | null; erasedAt: Date };

const date = (v: unknown) => new Date(v as string);
const maybeDate = (v: unknown) => (v == null ? null : new Date(v as string));
const day = (v: unknown) => (v == null ? null : String(v).slice(0, 10));
const likeContains = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Row = Record<string, unknown>;

export function createSubjectAccessRepository(db: Db) {
  return {
    /** Everything about one person, or undefined when there is no such person. Free text is as stored. */
    async data(participantId: string): Promise<Omit<SubjectAccessData, 'otherRecords'> | undefined> {
      const p = await maybeOne<Row>(
        db,
        `select p.*, s.name as scheme_name, o.name as team_name from participants p
         join schemes s on s.id = p.scheme_id left join organisations o on o.id = p.organisation_id where p.id = $1`,
        [participantId],
      );
      if (!p) return undefined;
      const consents = await db.query<Row>(
        'select purpose, method, given_at, withdrawn_at, note from consents where participant_id = $1 order by given_at, id',
        [participantId],
      );
      const referrals = await db.query<Row>(
        `select r.*, a.title as activity_title, bs.name as buddy_scheme_name, aa.title as accompany_title, po.name as provider_name,
                ro.name as referrer_org_name
         from referrals r
         left join activities a on a.id = r.activity_id
         left join buddy_schemes bs on bs.id = r.buddy_scheme_id
         left join activities aa on aa.id = r.accompany_activity_id
         join organisations po on po.id = r.provider_organisation_id
         left join organisations ro on ro.id = r.referrer_organisation_id
         where r.participant_id = $1 order by r.created_at, r.id`,
        [participantId],
      );
      const ids = referrals.map((r) => String(r.id));
      const events = await db.query<Row>(
        `select e.referral_id, e.at, e.kind, e.from_status, e.to_status, e.note, u.role as actor_role,
                (select o.name from memberships m join organisations o on o.id = m.organisation_id where m.user_id = e.actor_id order by o.name limit 1) as actor_org
         from referral_events e left join users u on u.id = e.actor_id where e.referral_id = any($1::uuid[]) order by e.at, e.id`,
        [ids],
      );
      const attendance = await db.query<Row>(
        'select referral_id, session_date, attended from attendance where referral_id = any($1::uuid[]) order by session_date',
        [ids],
      );
      const links = await db.query<Row>(
        `select referral_id, time_point, created_at, expires_at, used_at, revoked_at from questionnaire_links
         where referral_id = any($1::uuid[]) order by created_at`,
        [ids],
      );
      const responses = await db.query<Row>(
        `select referral_id, time_point, instrument, completed_at, mode, answers, scores from questionnaire_responses
         where participant_id = $1 or referral_id = any($2::uuid[]) order by completed_at, id`,
        [participantId, ids],
      );
      // Messages to the person: those not to a staff account, and not the organisation's own address
      // used when it has no staff accounts (that one is to the organisation, about the referral).
      const messages = await db.query<Row>(
        `select n.created_at, n.channel, n.recipient, n.subject, n.body, n.status, n.sent_at, n.referral_id
         from notifications n join referrals r on r.id = n.referral_id join organisations po on po.id = r.provider_organisation_id
         where r.participant_id = $1 and n.user_id is null
           and not (n.channel = 'email' and lower(n.recipient) = lower(coalesce(po.email, '')))
         order by n.created_at, n.id`,
        [participantId],
      );
      return {
        reference: String(p.id),
        person: {
          preferredName: String(p.preferred_name),
          contactPreference: String(p.contact_preference),
          phone: (p.phone as string | null) ?? null,
          email: (p.email as string | null) ?? null,
          address: (p.address as string | null) ?? null,
          postcode: (p.postcode as string | null) ?? null,
          ageBand: (p.age_band as string | null) ?? null,
          whatMatters: String(p.what_matters ?? ''),
          tags: (p.tags as string[]) ?? [],
          needs: (p.needs as string[]) ?? [],
          interests: (p.interests as string[]) ?? [],
          barriers: (p.barriers as string[]) ?? [],
          accessNeeds: (p.access_needs as string[]) ?? [],
          languages: (p.languages as string[]) ?? [],
          availableDays: ((p.available_days as number[]) ?? []).map(Number),
          availableTimes: (p.available_times as string[]) ?? [],
          source: String(p.source),
          schemeName: String(p.scheme_name),
          teamName: (p.team_name as string | null) ?? null,
          createdAt: date(p.created_at),
          updatedAt: date(p.updated_at),
          anonymisedAt: maybeDate(p.anonymised_at),
        },
        consents: consents.map((c) => ({
          purpose: String(c.purpose),
          method: String(c.method),
          givenAt: date(c.given_at),
          withdrawnAt: maybeDate(c.withdrawn_at),
          note: String(c.note ?? ''),
        })),
        referrals: referrals.map((r) => ({
          id: String(r.id),
          target: r.target === 'buddy_scheme' ? 'buddy_scheme' : 'activity',
          activityTitle: (r.activity_title as string | null) ?? null,
          buddySchemeName: (r.buddy_scheme_name as string | null) ?? null,
          accompanyActivityTitle: (r.accompany_title as string | null) ?? null,
          buddyPreference: (r.buddy_preference as 'woman' | 'man' | null) ?? null,
          providerName: String(r.provider_name),
          route: String(r.route),
          referrerOrganisationName: (r.referrer_org_name as string | null) ?? null,
          status: String(r.status),
          statusReason: (r.status_reason as string | null) ?? null,
          supportNeeds: String(r.support_needs ?? ''),
          message: String(r.message ?? ''),
          firstVisitDate: day(r.first_visit_date),
          firstVisitBuddy: (r.first_visit_buddy as string | null) ?? null,
          firstVisitTransport: (r.first_visit_transport as string | null) ?? null,
          fundedPlace: r.funded_place === true,
          nextSteps: (r.next_steps as string[]) ?? [],
          createdAt: date(r.created_at),
          sentAt: maybeDate(r.sent_at),
          respondedAt: maybeDate(r.responded_at),
          closedAt: maybeDate(r.closed_at),
          events: events
            .filter((e) => e.referral_id === r.id)
            .map((e) => ({
              at: date(e.at),
              kind: String(e.kind),
              from: (e.from_status as string | null) ?? null,
              to: (e.to_status as string | null) ?? null,
              note: String(e.note ?? ''),
              actorRole: (e.actor_role as string | null) ?? null,
              actorOrganisation: (e.actor_org as string | null) ?? null,
            })),
          attendance: attendance.filter((a) => a.referral_id === r.id).map((a) => ({ sessionDate: day(a.session_date)!, attended: a.attended === true })),
          questionnaireLinks: links
            .filter((l) => l.referral_id === r.id)
            .map((l) => ({
              timePoint: String(l.time_point),
              createdAt: date(l.created_at),
              expiresAt: date(l.expires_at),
              usedAt: maybeDate(l.used_at),
              revokedAt: maybeDate(l.revoked_at),
            })),
        })),
        questionnaires: responses.map((q) => ({
          referralId: String(q.referral_id),
          timePoint: String(q.time_point),
          instrument: String(q.instrument),
          completedAt: date(q.completed_at),
          mode: String(q.mode),
          answers: (typeof q.answers === 'string' ? JSON.parse(q.answers) : q.answers) as Record<string, number | null>,
          scores: ((q.scores as (number | null)[]) ?? []).map((s) => (s == null ? null : Number(s))),
        })),
        messages: messages.map((m) => ({
          createdAt: date(m.created_at),
          channel: String(m.channel),
          recipient: String(m.recipient),
          subject: String(m.subject),
          body: String(m.body),
          status: String(m.status),
          sentAt: maybeDate(m.sent_at),
          referralId: (m.referral_id as string | null) ?? null,
        })),
      };
    },

    /**
     * People by part of their name (not anonymised ones: their name is gone), or by reference: the
     * whole id or its first characters, or a referral's id. Erased people are found by reference only.
     */
    async search(q: { name: string } | { full: string } | { prefix: string }, limit = 50): Promise<SubjectAccessMatch[]> {
      const people = await db.query<Row>(
        `select p.id, p.preferred_name, s.name as scheme_name, p.created_at, p.anonymised_at from participants p join schemes s on s.id = p.scheme_id
         where ${
           'name' in q
             ? `p.anonymised_at is null and p.preferred_name ilike $1`
             : 'full' in q
               ? `p.id::text = $1 or p.id = (select participant_id from referrals where id::text = $1)`
               : `p.id::text like $1 || '%'`
         }
         order by p.preferred_name, p.created_at limit ${Number(limit)}`,
        ['name' in q ? likeContains(q.name) : 'full' in q ? q.full : q.prefix],
      );
      const erased =
        'name' in q
          ? []
          : await db.query<Row>(
              `select e.participant_id, s.name as scheme_name, e.erased_at from erased_participants e left join schemes s on s.id = e.scheme_id
               where ${'full' in q ? 'e.participant_id::text = $1' : `e.participant_id::text like $1 || '%'`} order by e.erased_at limit ${Number(limit)}`,
              ['full' in q ? q.full : q.prefix],
            );
      // Contributors' accounts (decision 042): by part of their name or their whole email address, or by reference. Erased ones are gone.
      const contributors = await db.query<Row>(
        `select u.id, u.display_name, u.created_at from users u
         where u.role = 'contributor' and u.email not like '%@erased.invalid' and ${
           'name' in q ? `(u.display_name ilike $1 or lower(u.email) = lower($2))` : 'full' in q ? `u.id::text = $1` : `u.id::text like $1 || '%'`
         }
         order by u.display_name, u.created_at limit ${Number(limit)}`,
        'name' in q ? [likeContains(q.name), q.name] : ['full' in q ? q.full : q.prefix],
      );
      return [
        ...people.map(
          (r): SubjectAccessMatch => ({
            kind: 'person',
            id: String(r.id),
            preferredName: String(r.preferred_name),
            schemeName: String(r.scheme_name),
            addedOn: date(r.created_at),
            anonymisedAt: maybeDate(r.anonymised_at),
          }),
        ),
        ...erased.map(
          (r): SubjectAccessMatch => ({
            kind: 'erased',
            id: String(r.participant_id),
            schemeName: (r.scheme_name as string | null) ?? null,
            erasedAt: date(r.erased_at),
          }),
        ),
        ...contributors.map(
          (r): SubjectAccessMatch => ({ kind: 'contributor', id: String(r.id), displayName: String(r.display_name), addedOn: date(r.created_at) }),
        ),
      ];
    },

    /** The note an erased person's record left, if any. */
    async erased(participantId: string): Promise<ErasedRecord | undefined> {
      const r = await maybeOne<Row>(db, 'select * from erased_participants where participant_id::text = $1', [participantId]);
      return r
        ? {
            participantId: String(r.participant_id),
            schemeId: (r.scheme_id as string | null) ?? null,
            organisationId: (r.organisation_id as string | null) ?? null,
            caseworkerId: (r.caseworker_id as string | null) ?? null,
            erasedAt: date(r.erased_at),
          }
        : undefined;
    },
  };
}

export type SubjectAccessRepository = ReturnType<typeof createSubjectAccessRepository>;
