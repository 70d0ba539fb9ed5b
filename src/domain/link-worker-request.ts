/** A caller's request to talk to a link worker, made on the phone line (decision 039). */

/** How the caller would like a link worker to get in touch: by phone, text or email (no letters: there is no address). */
export const REQUEST_CONTACT_PREFERENCES = [
  { code: 'phone', label: 'Phone call' },
  { code: 'text', label: 'Text message' },
  { code: 'email', label: 'Email' },
] as const;

/** What the caller agrees to, shown beside the checkbox and stored word for word with the request. */
export const HAND_OFF_CONSENT_WORDS =
  'The caller agrees that their name, how to contact them and what they would like help with are passed to a link worker in this scheme, who will get in touch with them.';

/** Open requests nobody has taken after this many working days are flagged to the scheme's coordinators. */
export const FLAG_AFTER_WORKING_DAYS = 2;
/** Requests never taken are deleted this many days after they were made. */
export const PURGE_AFTER_DAYS = 90;

export type LinkWorkerRequestStatus = 'open' | 'taken' | 'closed';

export type NewLinkWorkerRequest = {
  schemeId: string;
  preferredName: string;
  contactPreference: 'phone' | 'text' | 'email';
  phone: string | null;
  email: string | null;
  postcode: string;
  needs: string[];
  note: string;
};

export type OpenRequest = {
  id: string;
  schemeId: string;
  preferredName: string;
  contactPreference: 'phone' | 'text' | 'email';
  phone: string | null;
  email: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  needs: string[];
  note: string;
  consentWords: string;
  createdBy: string | null;
  createdAt: Date;
};
