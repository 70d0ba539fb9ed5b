import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Contribution, ContributionStatus, CreditKind, Licence, ReportReason } from '../../domain/contribution.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { eraseSignInAccount } from './user.repository.ts';
import type { OutboxFileRef } from './privacy.repository.ts';
import { createContributionAboutRepository } from './contribution-about.repository.ts';
export type { DesignatedPlace, NearbyActivity, WalkStopAbout } from './contribution-about.repository.ts';
import { createContributionMediaRepository } from './contribution-media.repository.ts';
export type { PhotoCopy, PhotoInfo, RecordingInfo } from './contribution-media.repository.ts';
import { ON_PUBLISHED_WALK, OPEN_DATA, SHOWN } from './contribution-visibility.sql.ts';

type Row = {
  id: string;
  kind: Contribution['kind'];
  status: ContributionStatus;
  contributor_id: string | null;
  entered_for_organisation_id: string | null;
  teller_consent_at: Date | null;
  private_to_group: boolean;
  credit_kind: CreditKind;
  credit_name: string | null;
  licence: Licence;
  title: string;
  place_kind: string | null;
  body: string;
  approximate_date: string | null;
  one_of_several_views: boolean;
  postcode: string | null;
  where_description: string | null;
  easting: number | null;
  northing: number | null;
  area_outcode: string;
  about_heritage_asset_id: string | null;
  about_place_id: string | null;
  about_activity_id: string | null;
  about_walk_stop_id: string | null;
  status_message: string | null;
  hidden_by_reports: boolean;
  submitted_at: Date | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const date = (d: Date | null) => (d === null ? null : new Date(d));
const toContribution = (r: Row): Contribution => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  contributorId: r.contributor_id,
  enteredForOrganisationId: r.entered_for_organisation_id,
  tellerConsentAt: date(r.teller_consent_at),
  privateToGroup: r.private_to_group,
  creditKind: r.credit_kind,
  creditName: r.credit_name,
  licence: r.licence,
  title: r.title,
  placeKind: r.place_kind,
  body: r.body,
  approximateDate: r.approximate_date,
  oneOfSeveralViews: r.one_of_several_views,
  postcode: r.postcode,
  whereDescription: r.where_description,
  easting: r.easting === null ? null : Number(r.easting),
  northing: r.northing === null ? null : Number(r.northing),
  areaOutcode: r.area_outcode,
  aboutHeritageAssetId: r.about_heritage_asset_id === null ? null : String(r.about_heritage_asset_id),
  aboutPlaceId: r.about_place_id,
  aboutActivityId: r.about_activity_id,
  aboutWalkStopId: r.about_walk_stop_id,
  statusMessage: r.status_message,
  hiddenByReports: r.hidden_by_reports,
  submittedAt: date(r.submitted_at),
  publishedAt: date(r.published_at),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** The words of a contribution, as the contributor (or staff for a teller) wrote them. */
export type ContributionFields = Pick<
  Contribution,
  | 'creditKind'
  | 'creditName'
  | 'licence'
  | 'title'
  | 'placeKind'
  | 'body'
  | 'approximateDate'
  | 'oneOfSeveralViews'
  | 'postcode'
  | 'whereDescription'
  | 'easting'
  | 'northing'
  | 'areaOutcode'
  | 'privateToGroup'
  | 'tellerConsentAt'
>;

export type NewContribution = ContributionFields & {
  kind: Contribution['kind'];
  contributorId: string | null;
  enteredForOrganisationId: string | null;
  aboutHeritageAssetId: string | null;
  aboutPlaceId: string | null;
  aboutActivityId: string | null;
  aboutWalkStopId: string | null;
};

/** An item in the open data: what it is about by name, the walk stop's place for a memory of one, and its recording. */
export type OpenDataItem = Contribution & {
  aboutName: string | null;
  aboutWalkStop: { walkId: string; position: number; latitude: number; longitude: number } | null;
  recordingId: string | null;
};
/** Who is looking: which private-to-group items they may see (their organisations' own). */
export type Viewer = { organisationIds: readonly string[] };

const COLUMNS = `id, kind, status, contributor_id, entered_for_organisation_id, teller_consent_at, private_to_group, credit_kind, credit_name,
  licence, title, place_kind, body, approximate_date, one_of_several_views, postcode, where_description, easting, northing, area_outcode,
  about_heritage_asset_id, about_place_id, about_activity_id, about_walk_stop_id, status_message, hidden_by_reports, submitted_at, published_at, created_at, updated_at`;

/** Contributions (places that matter, memories), their photos and readers' reports (decision 042). */
export function createContributionRepository(db: Db) {
  const c = (prefix: string) =>
    COLUMNS.split(',')
      .map((s) => `${prefix}.${s.trim()}`)
      .join(', ');
  return {
    ...createContributionMediaRepository(db),
    ...createContributionAboutRepository(db),

    async insert(n: NewContribution, at: Date, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into contributions (kind, status, contributor_id, entered_for_organisation_id, teller_consent_at, private_to_group, credit_kind,
           credit_name, licence, title, place_kind, body, approximate_date, one_of_several_views, postcode, where_description, easting, northing,
           area_outcode, about_heritage_asset_id, about_place_id, about_activity_id, about_walk_stop_id, created_at, updated_at)
         values ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $23, $22, $22) returning id`,
        [
          n.kind,
          n.contributorId,
          n.enteredForOrganisationId,
          n.tellerConsentAt,
          n.privateToGroup,
          n.creditKind,
          n.creditName,
          n.licence,
          n.title,
          n.placeKind,
          n.body,
          n.approximateDate,
          n.oneOfSeveralViews,
          n.postcode,
          n.whereDescription,
          n.easting,
          n.northing,
          n.areaOutcode,
          n.aboutHeritageAssetId,
          n.aboutPlaceId,
          n.aboutActivityId,
          at,
          n.aboutWalkStopId,
        ],
      );
      return row.id;
    },

    async updateFields(id: string, f: ContributionFields, at: Date, tx: Db = db): Promise<void> {
      await tx.query(
        `update contributions set credit_kind = $2, credit_name = $3, licence = $4, title = $5, place_kind = $6, body = $7, approximate_date = $8,
           one_of_several_views = $9, postcode = $10, where_description = $11, easting = $12, northing = $13, area_outcode = $14,
           private_to_group = $15, teller_consent_at = $16, updated_at = $17
         where id = $1`,
        [
          id,
          f.creditKind,
          f.creditName,
          f.licence,
          f.title,
          f.placeKind,
          f.body,
          f.approximateDate,
          f.oneOfSeveralViews,
          f.postcode,
          f.whereDescription,
          f.easting,
          f.northing,
          f.areaOutcode,
          f.privateToGroup,
          f.tellerConsentAt,
          at,
        ],
      );
    },

    async byId(id: string, tx: Db = db): Promise<Contribution | undefined> {
      const r = await maybeOne<Row>(tx, `select ${COLUMNS} from contributions where id = $1`, [id]);
      return r && toContribution(r);
    },

    /** Moves it on only from the status the change was decided on; false when someone else moved it first. */
    async updateStatus(
      id: string,
      from: ContributionStatus,
      to: ContributionStatus,
      f: { message: string | null; submittedAt?: Date; publishedAt?: Date; hiddenByReports?: boolean },
      at: Date,
      tx: Db,
    ): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update contributions set status = $3, status_message = $4, submitted_at = coalesce($5, submitted_at), published_at = coalesce($6, published_at),
           hidden_by_reports = coalesce($7, hidden_by_reports), updated_at = $8
         where id = $1 and status = $2 returning id`,
        [id, from, to, f.message, f.submittedAt ?? null, f.publishedAt ?? null, f.hiddenByReports ?? null, at],
      );
      return rows.length === 1;
    },

    async lock(id: string, tx: Db): Promise<void> {
      await tx.query('select id from contributions where id = $1 for update', [id]);
    },

    /** Whether the moderation area covers the item (its outward code is one of the scheme's). */
    async inArea(id: string, area: ModerationArea, tx: Db = db): Promise<boolean> {
      if (area.everywhere) return true;
      const r = await maybeOne<{ id: string }>(
        tx,
        `select c.id from contributions c join scheme_outcodes so on so.outcode = c.area_outcode where c.id = $1 and so.scheme_id = $2`,
        [id, area.schemeId],
      );
      return r !== undefined;
    },

    /** The queue: what waits for a moderator in the area or on the organisations' activities; reported items first. */
    async queue(area: ModerationArea | null, organisationIds: readonly string[]): Promise<(Contribution & { reports: number })[]> {
      const rows = await db.query<Row & { reports: number }>(
        `select ${c('c')}, (select count(*) from contribution_reports r where r.contribution_id = c.id and r.resolved_at is null)::int as reports
           from contributions c
          where c.status in ('waiting_for_review', 'reported')
            and (($1::boolean and ($2::uuid is null or exists (select 1 from scheme_outcodes so where so.scheme_id = $2 and so.outcode = c.area_outcode)))
              or c.about_activity_id in (select a.id from activities a where a.organisation_id = any($3::uuid[])))
          order by (c.status = 'reported') desc, c.hidden_by_reports desc, c.submitted_at, c.id`,
        [area !== null && (area.everywhere || area.schemeId !== null), area && !area.everywhere ? area.schemeId : null, organisationIds],
      );
      return rows.map((r) => ({ ...toContribution(r), reports: Number(r.reports) }));
    },

    async byContributor(userId: string, tx: Db = db): Promise<Contribution[]> {
      const rows = await tx.query<Row>(`select ${COLUMNS} from contributions where contributor_id = $1 order by created_at desc, id`, [userId]);
      return rows.map(toContribution);
    },

    async byOrganisation(organisationIds: readonly string[]): Promise<Contribution[]> {
      const rows = await db.query<Row>(
        `select ${COLUMNS} from contributions where entered_for_organisation_id = any($1::uuid[]) order by created_at desc, id`,
        [organisationIds],
      );
      return rows.map(toContribution);
    },

    /** Memories shown on a place or activity page to this viewer. */
    async shownAbout(
      about: { heritageAssetId?: string; placeId?: string; activityId?: string; walkStopIds?: readonly string[] },
      viewer: Viewer,
    ): Promise<Contribution[]> {
      const rows = await db.query<Row>(
        `select ${c('c')} from contributions c
          where c.kind = 'memory' and ${SHOWN('c', '$4')}
            and (c.about_heritage_asset_id = $1::bigint or c.about_place_id = $2::uuid or c.about_activity_id = $3::uuid
              or c.about_walk_stop_id = any($5::uuid[]))
          order by c.published_at, c.id`,
        [about.heritageAssetId ?? null, about.placeId ?? null, about.activityId ?? null, viewer.organisationIds, about.walkStopIds ?? []],
      );
      return rows.map(toContribution);
    },

    /** Whether this viewer may see the item publicly (or as its group). */
    async isShown(id: string, viewer: Viewer): Promise<boolean> {
      return (await maybeOne(db, `select 1 from contributions c where c.id = $1 and ${SHOWN('c', '$2')}`, [id, viewer.organisationIds])) !== undefined;
    },

    /** Published community-valued places within the area, nearest first, for "Heritage on your doorstep". */
    async publicPlacesNear(area: { easting: number; northing: number; radiusM: number }, limit: number): Promise<(Contribution & { distanceM: number })[]> {
      const rows = await db.query<Row & { distance_m: number }>(
        `select ${c('c')}, c.pos <-> point($1, $2) as distance_m from contributions c
          where c.kind = 'place' and ${SHOWN('c', "'{}'")}
            and c.pos <@ box(point($1::float8 - $3, $2::float8 - $3), point($1::float8 + $3, $2::float8 + $3)) and c.pos <-> point($1, $2) <= $3
          order by c.pos <-> point($1, $2), c.id limit $4`,
        [area.easting, area.northing, area.radiusM, limit],
      );
      return rows.map((r) => ({ ...toContribution(r), distanceM: Number(r.distance_m) }));
    },

    /** Everything in the open data: public and openly licensed, with the name of what a memory is about. */
    async openData(): Promise<OpenDataItem[]> {
      const rows = await db.query<
        Row & {
          about_name: string | null;
          walk_id: string | null;
          stop: number | null;
          latitude: number | null;
          longitude: number | null;
          recording_id: string | null;
        }
      >(
        `select ${c('c')}, coalesce(h.name, p.title, a.title, ws.name) as about_name, ws.walk_id, ws.position as stop, ws.latitude, ws.longitude,
           (select r.id from contribution_recordings r where r.contribution_id = c.id) as recording_id
           from contributions c
           left join heritage_assets h on h.id = c.about_heritage_asset_id
           left join contributions p on p.id = c.about_place_id
           left join activities a on a.id = c.about_activity_id
           left join walk_stops ws on ws.id = c.about_walk_stop_id
           left join walks w on w.id = ws.walk_id
          where ${OPEN_DATA('c')} and (c.about_place_id is null or ${OPEN_DATA('p')}) and ${ON_PUBLISHED_WALK('c')}
          order by c.published_at, c.id`,
      );
      return rows.map((r) => ({
        ...toContribution(r),
        aboutName: r.about_name,
        aboutWalkStop: r.walk_id ? { walkId: r.walk_id, position: Number(r.stop), latitude: Number(r.latitude), longitude: Number(r.longitude) } : null,
        recordingId: r.recording_id,
      }));
    },

    async countSince(userId: string, since: Date): Promise<number> {
      const r = await one<{ n: number }>(db, 'select count(*)::int as n from contributions where contributor_id = $1 and created_at >= $2', [userId, since]);
      return Number(r.n);
    },

    // Reports.
    /** One report per person per item; false when this person had already reported it. */
    async addReport(r: { contributionId: string; reporterKey: string; reason: ReportReason; details: string }, at: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(
        `insert into contribution_reports (contribution_id, reporter_key, reason, details, created_at) values ($1, $2, $3, $4, $5)
         on conflict (contribution_id, reporter_key) do nothing returning id`,
        [r.contributionId, r.reporterKey, r.reason, r.details, at],
      );
      return rows.length === 1;
    },

    async openReports(contributionId: string, tx: Db = db): Promise<{ reason: ReportReason; details: string; createdAt: Date }[]> {
      const rows = await tx.query<{ reason: ReportReason; details: string; created_at: Date }>(
        'select reason, details, created_at from contribution_reports where contribution_id = $1 and resolved_at is null order by created_at, id',
        [contributionId],
      );
      return rows.map((r) => ({ reason: r.reason, details: r.details, createdAt: new Date(r.created_at) }));
    },

    async resolveReports(contributionId: string, at: Date, tx: Db): Promise<void> {
      await tx.query('update contribution_reports set resolved_at = $2 where contribution_id = $1 and resolved_at is null', [contributionId, at]);
    },

    // Erasure (decision 042): the contributor chooses to remove their contributions or keep them anonymously.
    async deleteByContributor(userId: string, tx: Db): Promise<number> {
      const rows = await tx.query('delete from contributions where contributor_id = $1 returning id', [userId]);
      return rows.length;
    },

    async deleteDraft(id: string, tx: Db): Promise<void> {
      await tx.query(`delete from contributions where id = $1 and status in ('draft', 'changes_requested')`, [id]);
    },

    async anonymiseByContributor(userId: string, at: Date, tx: Db): Promise<number> {
      // A voice says who someone is: recordings go even when the words stay (decision 048).
      await tx.query('delete from contribution_recordings where contribution_id in (select id from contributions where contributor_id = $1)', [userId]);
      const rows = await tx.query(
        `update contributions set contributor_id = null, credit_kind = 'anonymous', credit_name = null, updated_at = $2 where contributor_id = $1 returning id`,
        [userId, at],
      );
      return rows.length;
    },

    /** The coordinators of the schemes whose area holds this outward code (they are told what waits for review). */
    async coordinatorEmails(outcode: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ email: string }>(
        `select distinct u.email from users u join scheme_outcodes so on so.scheme_id = u.scheme_id
          where so.outcode = $1 and u.role = 'coordinator' and u.disabled_at is null order by u.email`,
        [outcode],
      );
      return rows.map((r) => r.email);
    },

    async emailOf(userId: string, tx: Db = db): Promise<string | undefined> {
      return (await maybeOne<{ email: string }>(tx, 'select email from users where id = $1 and disabled_at is null', [userId]))?.email;
    },

    /** A contributor's account, for their own export. */
    async account(userId: string): Promise<{ email: string; displayName: string; createdAt: Date } | undefined> {
      const r = await maybeOne<{ email: string; display_name: string; created_at: Date }>(
        db,
        'select email, display_name, created_at from users where id = $1',
        [userId],
      );
      return r && { email: r.email, displayName: r.display_name, createdAt: new Date(r.created_at) };
    },

    /** A contributor's account that has not been erased, for an administrator's subject access (decision 042). */
    async isContributor(userId: string): Promise<boolean> {
      const r = await maybeOne(db, `select 1 from users where id::text = $1 and role = 'contributor' and email not like '%@erased.invalid'`, [userId]);
      return r !== undefined;
    },

    /** The reports this account made (the reason and words only). */
    async reportsBy(reporterKey: string): Promise<{ reason: ReportReason; details: string; createdAt: Date }[]> {
      const rows = await db.query<{ reason: ReportReason; details: string; created_at: Date }>(
        'select reason, details, created_at from contribution_reports where reporter_key = $1 order by created_at, id',
        [reporterKey],
      );
      return rows.map((r) => ({ reason: r.reason, details: r.details, createdAt: new Date(r.created_at) }));
    },

    /**
     * Erasure of a contributor's own account (decision 042): nothing that says who they were is kept —
     * name and address replaced, password unusable, sessions and sign-in links gone, the account disabled.
     */
    async eraseAccount(userId: string, reporterKey: string, at: Date, tx: Db): Promise<OutboxFileRef[]> {
      await tx.query('delete from contribution_reports where reporter_key = $1', [reporterKey]);
      return eraseSignInAccount(tx, userId, 'Erased account', at);
    },
  };
}

export type ContributionRepository = ReturnType<typeof createContributionRepository>;
