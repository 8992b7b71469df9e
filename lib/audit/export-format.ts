import { csvLine } from '@/lib/csv';
import type { AuditEventView } from './schemas';

export const CSV_COLUMNS = [
  'seq', 'id', 'occurredAt', 'actorEmail', 'actorKind', 'actorId', 'tokenId', 'action', 'resourceType', 'resourceId',
  'before', 'after', 'requestId', 'ip', 'userAgent', 'position', 'prevHash', 'hash',
] as const satisfies readonly (keyof AuditEventView)[];

export function csvHeader(): string {
  return csvLine(CSV_COLUMNS);
}

export function csvRow(e: AuditEventView): string {
  return csvLine(CSV_COLUMNS.map((c) => e[c]));
}

export function jsonlRow(e: AuditEventView): string {
  return `${JSON.stringify(e)}\n`;
}
