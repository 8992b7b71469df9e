import type { AuditEventView } from './schemas';

export const CSV_COLUMNS = [
  'seq', 'id', 'occurredAt', 'actorEmail', 'actorKind', 'actorId', 'tokenId', 'action', 'resourceType', 'resourceId',
  'before', 'after', 'requestId', 'ip', 'userAgent', 'position', 'prevHash', 'hash',
] as const satisfies readonly (keyof AuditEventView)[];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(e: AuditEventView): string {
  return `${CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')}\r\n`;
}

export function jsonlRow(e: AuditEventView): string {
  return `${JSON.stringify(e)}\n`;
}
