import type { CostType, Organisation, Place } from './directory.ts';

/**
 * What providers write about their organisation and places, once parsed at the edge (the forms'
 * schemas live beside their routes: web/features/provider/*.form.ts). Activities are ActivityContent.
 */
export type OrganisationInput = Pick<Organisation, 'name' | 'orgType' | 'description' | 'email' | 'phone' | 'website'>;
export type PlaceInput = Pick<Place, 'name' | 'addressLine' | 'town' | 'postcode' | 'nhleListEntry' | 'communityValued' | 'description'>;

export const NHLE_MIN = 1000000;
export const NHLE_MAX = 1999999;

/**
 * Funded places pay for someone who could not otherwise afford to go, so only an activity that
 * charges has them: a free one (or one free for referred people) is never offered one.
 */
export const takesFundedPlaces = (costType: CostType | string): boolean => costType === 'paid';
