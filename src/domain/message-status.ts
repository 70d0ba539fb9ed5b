import type { Term } from './vocabulary.ts';

/**
 * What became of a message, in words for people. Only a mail server, an SMS gateway or a posted
 * letter is "sent"; the development sender only writes a file, which nobody has received.
 */
export const MESSAGE_STATUSES = [
  { code: 'pending', label: 'Waiting to be sent' },
  { code: 'sent', label: 'Sent' },
  { code: 'written_to_file', label: 'Written to file (not delivered)' },
  { code: 'failed', label: 'Not sent (failed)' },
] as const satisfies readonly Term[];
