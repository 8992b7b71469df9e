/**
 * The audit page keeps all of its state in the URL, so a filtered view can be pasted into a chat:
 * the filter fields, the opaque page token of the page shown (`pt`) and the tokens of the pages
 * before it (`trail`, comma-separated) so that "Newer" can walk back.
 * Times in the URL and in the form are UTC wall-clock times (`YYYY-MM-DDTHH:mm`), stated as such in the UI.
 */
export const FILTER_FIELDS = ['actor', 'action', 'resourceType', 'resourceId', 'from', 'to'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type AuditFilterValues = Partial<Record<FilterField, string>>;

export interface AuditUrlState {
  /** The filter exactly as typed, for refilling the form. */
  values: AuditFilterValues;
  /** The filter for the services: zone-less times read as UTC. */
  filter: AuditFilterValues;
  pageToken?: string;
  trail: string[];
  /** An event to show expanded (the verifier links to the first broken one). */
  open?: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
}

const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** `2026-05-01T09:30` (a datetime-local value) means 09:30 UTC here, never the server's own zone. */
export function asUtc(value: string): string {
  return ZONELESS.test(value) ? `${value}Z` : value;
}

export function parseAuditSearchParams(sp: SearchParams): AuditUrlState {
  const values: AuditFilterValues = {};
  for (const f of FILTER_FIELDS) {
    const v = first(sp[f]);
    if (v !== undefined) values[f] = v;
  }
  const filter = { ...values };
  if (filter.from) filter.from = asUtc(filter.from);
  if (filter.to) filter.to = asUtc(filter.to);
  const open = Number(first(sp.open));
  return {
    values,
    filter,
    pageToken: first(sp.pt),
    trail: (first(sp.trail) ?? '').split(',').filter(Boolean),
    open: Number.isInteger(open) && open > 0 ? open : undefined,
  };
}

function query(entries: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The audit page for this filter at a given page (first page when no token). */
export function auditPageHref(values: AuditFilterValues, page: { pageToken?: string; trail?: string[]; open?: number } = {}): string {
  return `/audit${query({ ...values, pt: page.pageToken, trail: page.trail?.join(','), open: page.open ? String(page.open) : undefined })}`;
}

/** "Older": the next page, remembering the current one so "Newer" can return to it. */
export function olderHref(state: AuditUrlState, nextPageToken: string): string {
  const trail = state.pageToken ? [...state.trail, state.pageToken] : state.trail;
  return auditPageHref(state.values, { pageToken: nextPageToken, trail });
}

/** "Newer": the page before this one; null on the newest page. */
export function newerHref(state: AuditUrlState): string | null {
  if (!state.pageToken) return null;
  const trail = state.trail.slice(0, -1);
  return auditPageHref(state.values, { pageToken: state.trail.at(-1), trail });
}

export function exportHref(filter: AuditFilterValues, format: 'csv' | 'jsonl'): string {
  return `/api/v1/audit/export${query({ format, ...filter })}`;
}

/** `2026-05-01T09:30:12.345Z` → `2026-05-01 09:30:12` (UTC). */
export function formatUtc(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}
