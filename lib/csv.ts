/*
 * CSV as spreadsheet programs read it (RFC 4180, CRLF line ends), for the downloads the console offers.
 */

/** One cell: objects as JSON, null as empty, quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, ended by CRLF. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
