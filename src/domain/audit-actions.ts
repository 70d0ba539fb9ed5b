/**
 * Everything the audit trail records, with what it means in words an administrator reads. An
 * action written anywhere must be listed here (AuditEvent.action is this type), so none is shown
 * to an administrator as a bare code.
 */
export const AUDIT_ACTIONS = {
  'participant.created': 'Person added to a caseload',
  'participant.viewed': 'Person’s record viewed',
  'participant.updated': 'Person’s record changed',
  'participant.matches_viewed': 'Activity matches viewed for a person',
  'participant.gp_summary_viewed': 'GP record summary viewed',
  'participant.letter_viewed': 'Letter to a person viewed',
  'participant.letter_posted': 'Letter to a person marked as posted',
  'participant.exported': 'Person’s data exported (subject access)',
  'participant.erased': 'Person’s data erased',
  'participant.anonymised': 'Person’s data anonymised after their referrals closed',
  'consent.recorded': 'Consent recorded',
  'consent.withdrawn': 'Consent withdrawn',
  'caseload.viewed': 'Caseload viewed',
  'referral.created': 'Referral started',
  'referral.viewed': 'Referral viewed',
  'referral.list_viewed': 'Referrals list viewed',
  'referral.status_changed': 'Referral moved on',
  'referral.anonymised': 'Referral anonymised',
  'inbox.viewed': 'Referrals inbox viewed',
  'register.viewed': 'Attendance register viewed',
  'attendance.recorded': 'Attendance recorded',
  'questionnaire.link_created': 'Questionnaire link sent',
  'questionnaire.completed': 'Questionnaire completed by the person',
  'questionnaire.recorded': 'Questionnaire answers entered with the person',
  'instrument.wording_loaded': 'Licensed questionnaire wording loaded',
  'instrument.wording_removed': 'Licensed questionnaire wording removed',
  'prompt.created': 'Conversation prompt added',
  'prompt.updated': 'Conversation prompt changed',
  'prompt.moved': 'Conversation prompt moved',
  'prompt.deleted': 'Conversation prompt deleted',
  'buddy_scheme.created': 'Buddy scheme added',
  'buddy_scheme.updated': 'Buddy scheme changed',
  'buddy_scheme.paused': 'Buddy scheme paused',
  'buddy_scheme.resumed': 'Buddy scheme resumed',
  'user.created': 'Account created',
  'user.disabled': 'Account disabled',
  // The directory's actions (recorded since the first version, so their codes keep their form).
  signed_in: 'Signed in',
  account_created: 'Signed up for an account',
  organisation_created: 'Organisation added (waiting for approval)',
  organisation_updated: 'Organisation changed',
  organisation_approved: 'Organisation approved',
  organisation_rejected: 'Organisation rejected',
  place_created: 'Place added',
  place_updated: 'Place changed',
  listing_created: 'Activity listing added',
  listing_updated: 'Activity listing changed',
  listing_withdrawn: 'Activity listing withdrawn',
  listing_confirmed: 'Activity listing confirmed as still right',
  listing_approved: 'Activity listing approved',
  listing_rejected: 'Activity listing rejected',
  listing_change_proposed: 'Change to a live listing proposed',
  listing_change_withdrawn: 'Proposed change to a listing withdrawn',
  listing_change_approved: 'Change to a live listing approved',
  listing_change_rejected: 'Change to a live listing rejected',
  session_added: 'Session added',
  session_deleted: 'Session deleted',
  session_cancelled: 'Session cancelled',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The words for an action; an action recorded by an older version and since retired shows as its code. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
