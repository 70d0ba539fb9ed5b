import { z } from 'zod';
import type { NewLinkWorkerRequest } from '../../../domain/link-worker-request.ts';
import { REQUEST_CONTACT_PREFERENCES } from '../../../domain/link-worker-request.ts';
import { NEEDS } from '../../../domain/vocabulary.ts';
import { contactOf, contactShape, withContactChecks } from '../../contact-fields.ts';
import { codeList, oneOf, required, text, ticked, uuid } from '../../form-fields.ts';

/** The caller's postcode, asked first to find the schemes covering it (a GET: nothing is stored). */
export const handOffQuery = z.object({ postcode: text('Postcode', 10) });

const contact = contactShape('them');

/**
 * Handing a caller to a link worker (decision 039): the scheme covering their postcode, the name they
 * would like to be called, a phone number or email (the connector's referral form's rules,
 * contact-fields.ts), what they would like help with, an optional short note, and their consent.
 */
export const handOffForm = withContactChecks(
  {
    postcode: required('Enter the caller’s postcode', 'Postcode', 10),
    schemeId: uuid('Choose the scheme the caller lives in'),
    preferredName: contact.preferredName,
    contactPreference: oneOf(REQUEST_CONTACT_PREFERENCES, 'Choose how they would like a link worker to contact them'),
    phone: contact.phone,
    email: contact.email,
    needs: codeList(NEEDS, 'what they would like help with'),
    note: text('Anything else the link worker should know', 200),
    consent: ticked.refine((v) => v, 'Ask the caller if they agree, and tick the box if they do. Without their agreement nothing is passed on'),
  },
  'them',
).transform((v): NewLinkWorkerRequest => {
  const c = contactOf({ ...v, address: '', postcode: '' });
  return {
    schemeId: v.schemeId,
    preferredName: c.preferredName,
    contactPreference: v.contactPreference as NewLinkWorkerRequest['contactPreference'],
    phone: c.phone,
    email: c.email,
    postcode: v.postcode,
    needs: v.needs,
    note: v.note,
  };
});
