import { CONTACT_PREFERENCES } from '../../../domain/participant.ts';

/** Contact preference radios; the matching detail is asked for below them (works without JavaScript). */
export function contactItems(values: Record<string, unknown>) {
  return CONTACT_PREFERENCES.map((c) => ({ value: c.code, text: c.label, checked: values.contactPreference === c.code }));
}
