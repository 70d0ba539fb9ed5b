import { countOf } from '../../../domain/plural.ts';
import type { ReferableActivity } from '../../../data/repositories/referral-list.repository.ts';
import { takesFundedPlaces } from '../../../domain/listing.ts';
import { ACCESS_FEATURES, labelOf, labelsOf, SUPPORT, TERRAINS } from '../../../domain/vocabulary.ts';
import { costLabel } from '../search/result.view-model.ts';

type Row = { key: { text: string }; value: { text: string } };
const row = (key: string, value: string | null | undefined): Row[] => (value ? [{ key: { text: key }, value: { text: value } }] : []);

/** The key facts to check with someone before a referral is confirmed: where, cost, access, support, places. */
export function activityFactRows(a: ReferableActivity, placesTaken: number): Row[] {
  return [
    ...row('Organisation', a.organisationName),
    ...row('Where', `${a.placeName}, ${a.town}`),
    ...row('Cost', costLabel(a.costType, a.pricePence)),
    ...row('Funded places', a.fundedPlaces && takesFundedPlaces(a.costType) ? String(a.fundedPlaces) : null),
    ...row('Access', labelsOf(ACCESS_FEATURES, a.access).join(', ') || 'Not stated'),
    ...row('Ground', a.terrain ? labelOf(TERRAINS, a.terrain) : null),
    ...row('Distance walked', a.distanceWalkedM != null ? `${a.distanceWalkedM} metres` : null),
    ...row('Support offered', labelsOf(SUPPORT, a.support).join(', ') || null),
    ...row('First visit', a.firstVisit || null),
    ...row('Places', a.capacity != null ? `${placesTaken} of ${countOf(a.capacity, 'place')} taken by referrals` : 'No limit given'),
  ];
}
