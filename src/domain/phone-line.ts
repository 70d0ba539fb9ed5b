/** Who answers the information line (issue 10): connectors, coordinators, provider staff, administrators. */
export const PHONE_LINE_ROLES = ['connector', 'coordinator', 'provider', 'admin'] as const;

/** A listing sent to a caller: by text or email. The number or address is used once and forgotten (decision 032). */
export type SendToCaller = { channel: 'text'; phone: string } | { channel: 'email'; email: string };

/** A text message stays within three SMS parts. */
export const TEXT_LIMIT = 459;
