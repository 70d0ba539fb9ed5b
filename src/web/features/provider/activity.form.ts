import { z } from 'zod';
import type { ActivityContent, CostType } from '../../../domain/directory.ts';
import { takesFundedPlaces } from '../../../domain/listing.ts';
import {
  ACCESS_FEATURES,
  ACTIVITY_TYPES,
  codesOf,
  COST_TYPES,
  LANGUAGES,
  MONTHS,
  NEEDS,
  REFERRAL_ROUTES,
  SAFEGUARDING,
  SUPPORT,
  TERRAINS,
} from '../../../domain/vocabulary.ts';
import { atLeastOne, codeList, oneOf, optionalEmail, optionalPhone, optionalText, required, str, text, UUID_PATTERN, wholeNumber } from '../../form-fields.ts';

const PRICE = /^\d{1,4}(\.\d{1,2})?$/;

/** "Add an activity" and "Edit activity": the listing's content; the service checks the place is the provider's. */
export const activityForm = z
  .object({
    placeId: required('Choose the place where the activity happens', 'Place', 100).refine((v) => v === '' || UUID_PATTERN.test(v), 'Choose one of your places'),
    title: required('Enter a title', 'Title', 120),
    summary: required('Enter a short summary', 'Summary', 200),
    description: text('Description', 5000),
    activityTypes: atLeastOne(ACTIVITY_TYPES, 'Choose at least one activity type'),
    needs: codeList(NEEDS, 'needs'),
    ageMin: wholeNumber('Minimum age', '18', 120),
    ageMax: wholeNumber('Maximum age', '99', 120),
    groupSizeMax: wholeNumber('Group size', '12', 1000, 1),
    eligibility: text('Who can join', 1000),
    firstVisit: text('What to expect on a first visit', 2000),
    costType: oneOf(COST_TYPES, 'Choose what it costs').transform((v) => v as CostType),
    pricePounds: z.preprocess((v) => str(v).trim().replace(/^£/, ''), z.string()),
    costNote: text('Cost note', 500),
    fundedPlaces: wholeNumber('Funded places', '4', 1000),
    access: codeList(ACCESS_FEATURES, 'access facts'),
    distanceWalkedM: wholeNumber('Distance walked', '800', 50000),
    terrain: z
      .preprocess(
        str,
        z.string().refine((v) => v === '' || codesOf(TERRAINS).includes(v), 'Choose the terrain from the list'),
      )
      .transform((v) => (v === '' ? null : v)),
    support: codeList(SUPPORT, 'support'),
    referralRoutes: atLeastOne(REFERRAL_ROUTES, 'Choose at least one way people can join'),
    languages: atLeastOne(LANGUAGES, 'Choose at least one language'),
    safeguarding: codeList(SAFEGUARDING, 'safeguarding'),
    months: atLeastOne(MONTHS, 'Choose at least one month when the activity runs').transform((l) => l.map(Number).sort((a, b) => a - b)),
    capacity: wholeNumber('Places per session', '15', 10000, 1),
    howToJoin: text('How to join', 1000),
    contactName: optionalText('Contact name', 100),
    contactEmail: optionalEmail('Contact email'),
    contactPhone: optionalPhone('Phone number'),
  })
  .superRefine((v, ctx) => {
    if (typeof v.ageMin === 'number' && typeof v.ageMax === 'number' && v.ageMax < v.ageMin) {
      ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'Maximum age must be the same as or more than the minimum age' });
    }
    if (!takesFundedPlaces(v.costType) && v.fundedPlaces) {
      ctx.addIssue({
        code: 'custom',
        path: ['fundedPlaces'],
        message: 'Funded places are only for activities that cost money: leave this blank for a free activity',
      });
    }
    const price = v.pricePounds;
    if (v.costType === 'paid' && price === '') ctx.addIssue({ code: 'custom', path: ['pricePounds'], message: 'Enter a price, like 3.50' });
    else if (v.costType !== 'free' && price !== '' && !PRICE.test(price)) {
      ctx.addIssue({ code: 'custom', path: ['pricePounds'], message: 'Enter a price, like 3.50' });
    }
  })
  .transform(
    ({ pricePounds, ...rest }): ActivityContent => ({
      ...rest,
      pricePence: rest.costType !== 'free' && pricePounds !== '' ? Math.round(Number(pricePounds) * 100) : null,
    }),
  );
