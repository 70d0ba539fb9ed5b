import { z } from 'zod';
import { isFullPostcode, isMobile, isOutcode, MOBILE_EXAMPLE, normalisePhone, normalisePostcode, PHONE_EXAMPLE } from '../../../domain/contact-details.ts';
import type { InterestInput } from '../../../services/volunteer-recruitment.service.ts';
import { oneOf, required, text, ticked, uuid } from '../../form-fields.ts';
import { VOLUNTEER_CONTACT } from './profile.form.ts';

/** The public "Volunteer with us" form: the least a volunteer lead needs to get in touch. */
export const volunteerWithUsForm = z
  .object({
    volunteerRoleId: uuid('Choose how you would like to volunteer'),
    knownAs: required('Enter the name you would like to be called', 'Name', 60),
    contactPreference: oneOf(VOLUNTEER_CONTACT, 'Choose how you would like to be contacted'),
    email: text('Email address', 200),
    phone: text('Phone number', 30),
    postcode: text('Postcode', 10),
    about: text('What interests you', 1000),
    consent: ticked.refine((v) => v, 'Tick the box to agree to being contacted about volunteering'),
    // The signed link from the end of a prescription (decision 034); checked by the service, never shown.
    invite: text('Invitation', 200),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const phone = v.phone === '' ? null : normalisePhone(v.phone);
    if (v.contactPreference === 'email' && v.email === '') issue('email', 'Enter your email address, as you would like an email');
    if (v.email !== '' && !z.email().safeParse(v.email).success) issue('email', 'Enter an email address in the correct format, like name@example.org');
    if ((v.contactPreference === 'phone' || v.contactPreference === 'text') && v.phone === '')
      issue('phone', 'Enter your phone number, as you would like a call or a text');
    else if (v.phone !== '' && !phone) issue('phone', `Enter a UK phone number, like ${PHONE_EXAMPLE} or ${MOBILE_EXAMPLE}`);
    else if (v.contactPreference === 'text' && phone && !isMobile(phone)) issue('phone', `Enter a mobile number for text messages, like ${MOBILE_EXAMPLE}`);
    const postcode = normalisePostcode(v.postcode);
    if (v.postcode !== '' && !isFullPostcode(postcode) && !isOutcode(postcode)) issue('postcode', 'Enter a real postcode, like NG7 2RD, or leave it blank');
  })
  .transform((v): InterestInput & { invite: string | null } => ({
    volunteerRoleId: v.volunteerRoleId,
    knownAs: v.knownAs,
    contactPreference: v.contactPreference as InterestInput['contactPreference'],
    email: v.email ? v.email.toLowerCase() : null,
    phone: v.phone ? normalisePhone(v.phone) : null,
    postcode: v.postcode ? normalisePostcode(v.postcode) : null,
    about: v.about,
    invite: v.invite || null,
  })) satisfies z.ZodType<InterestInput & { invite: string | null }>;
