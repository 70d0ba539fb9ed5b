/** Who may see a contribution, in SQL: the one place these rules are written (decisions 042, 057). */

/** The item itself is shown to this viewer: public, or private to one of their groups (never hidden or unpublished ones). */
const SHOWN_ITSELF = (c: string, orgParam: string) =>
  `(${c}.status in ('published', 'reported') and not ${c}.hidden_by_reports
    and (not ${c}.private_to_group or ${c}.entered_for_organisation_id = any(${orgParam}::uuid[])))`;

/** A memory about a walk stop is out of sight while its walk is not published (decision 057). */
export const ON_PUBLISHED_WALK = (c: string) =>
  `(${c}.about_walk_stop_id is null or exists (select 1 from walk_stops ws_shown join walks w_shown on w_shown.id = ws_shown.walk_id
     where ws_shown.id = ${c}.about_walk_stop_id and w_shown.status = 'published'))`;

/**
 * The one SQL form of "who may see this contribution, and so its photos and recording" (decision 057):
 * the item is shown to the viewer, and so is what it is about — a memory of a contributed place only
 * while that place is shown to them, a memory of a walk stop only while the walk is published. Its
 * contributor and moderators see it too, before and after (`mayView` in the contribution service).
 */
export const SHOWN = (c: string, orgParam: string) =>
  `(${SHOWN_ITSELF(c, orgParam)} and ${ON_PUBLISHED_WALK(c)}
    and (${c}.about_place_id is null or exists (select 1 from contributions p_shown where p_shown.id = ${c}.about_place_id
      and ${SHOWN_ITSELF('p_shown', orgParam)})))`;

/** The one SQL form of "in the open data": public, and under an open licence (decision 042). */
export const OPEN_DATA = (c: string) =>
  `(${c}.status in ('published', 'reported') and not ${c}.hidden_by_reports and not ${c}.private_to_group and ${c}.licence <> 'waymark_only')`;
