import type { Volunteer } from '../../../domain/volunteer.ts';
import { BUDDY_STRANDS, VOLUNTEER_OFFERS, VOLUNTEER_STATUSES } from '../../../domain/volunteer.ts';
import { labelOf } from '../../../domain/vocabulary.ts';

const STATUS_TAGS: Record<Volunteer['status'], string> = {
  in_recruitment: 'nhsuk-tag--blue',
  ready: 'nhsuk-tag--green',
  paused: 'nhsuk-tag--yellow',
  stopped: 'nhsuk-tag--grey',
};

/** One volunteer as their lead or they themselves see them: never the postcode's position. */
export function volunteerSummary(v: Volunteer) {
  return {
    id: v.id,
    knownAs: v.knownAs,
    organisation: v.organisationName,
    role: v.roleName,
    strand: v.strand ? labelOf(BUDDY_STRANDS, v.strand) : '',
    tag: { text: labelOf(VOLUNTEER_STATUSES, v.status), classes: STATUS_TAGS[v.status] },
    offers: v.offers.map((o) => labelOf(VOLUNTEER_OFFERS, o)),
    capacity: v.capacity,
  };
}
