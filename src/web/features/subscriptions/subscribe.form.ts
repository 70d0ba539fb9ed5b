import { z } from 'zod';
import { FREQUENCIES, type Frequency, RADII, type SubscriptionInput } from '../../../domain/subscription.ts';
import { ACTIVITY_TYPES } from '../../../domain/vocabulary.ts';
import { codeList, oneOf, required } from '../../form-fields.ts';

/** "Tell me about new activities near me": an email address, a place and a distance, interests, how often. Nothing else. */
export const subscribeForm = z
  .object({
    email: required('Enter your email address', 'Email address', 200).refine(
      (v) => z.email().safeParse(v).success,
      'Enter an email address in the correct format, like name@example.org',
    ),
    where: required('Enter a postcode or a town', 'Postcode or town', 100),
    radius: oneOf(RADII, 'Choose how far you could travel'),
    interests: codeList(ACTIVITY_TYPES, 'what interests you'),
    frequency: oneOf(FREQUENCIES, 'Choose how often you would like an email'),
  })
  .transform(
    (v): SubscriptionInput => ({
      email: v.email,
      where: v.where,
      radiusMiles: Number(v.radius),
      interests: v.interests,
      frequency: v.frequency as Frequency,
    }),
  );
