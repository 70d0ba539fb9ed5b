/** Short confirmations after a redirect, chosen by a code in the query string (never free text). */
export function flashFrom(query: unknown, messages: Record<string, string>): string | undefined {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' ? messages[done] : undefined;
}
