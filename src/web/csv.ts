/**
 * One CSV cell: every text cell quoted; a leading = + - @ could run as a formula in a spreadsheet, so
 * such text starts with an apostrophe. Rows end with CRLF (RFC 4180).
 */
export const csvCell = (v: string | number) => {
  const text = String(v);
  return typeof v === 'number' ? text : `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export const csvLines = (rows: readonly (readonly (string | number)[])[]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
