import { formatKey } from '@/lib/search/parse-filter-identifier';

/*
 * The runs table's whole view lives in the URL, so a pasted link shows the same table:
 *   filter=<text>  order=<order_by entry, e.g. "metrics.val_loss ASC">  cols=m:acc,p:lr,t:team
 *   agg=val_loss:min,acc:max  pages=<token>.<token>  open=<run id>,<run id>  flat=1
 * `pages` is the stack of page tokens walked so far (the last one is the current page), which is
 * what "Previous" needs with keyset tokens. Pure; shared by the server page and the client table.
 */

export type Aggregation = 'last' | 'min' | 'max';
export type DataKind = 'm' | 'p' | 't';

export interface DataColumn {
  kind: DataKind;
  key: string;
}

export interface RunsViewState {
  filter: string;
  order: string | null;
  /** null: the default pick (first metrics and params). */
  columns: DataColumn[] | null;
  agg: Record<string, Aggregation>;
  pages: string[];
  expanded: string[];
  flat: boolean;
}

type Params = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const AGGS = new Set<Aggregation>(['last', 'min', 'max']);
const PAGE_TOKEN = /^[A-Za-z0-9_-]+$/;
const RUN_ID = /^[0-9a-f]{32}$/;

/** Column ids on the wire: `m:acc`. Keys cannot contain commas (MLflow's key rule), so lists split on them. */
export const columnId = (c: DataColumn) => `${c.kind}:${c.key}`;

export function parseColumnId(id: string): DataColumn | null {
  const m = /^([mpt]):(.+)$/.exec(id);
  return m ? { kind: m[1] as DataKind, key: m[2] } : null;
}

export function parseRunsView(params: Params): RunsViewState {
  const cols = one(params.cols);
  return {
    filter: one(params.filter).slice(0, 20_000),
    order: one(params.order).trim() || null,
    columns: params.cols === undefined ? null : cols.split(',').flatMap((id) => parseColumnId(id) ?? []),
    agg: Object.fromEntries(
      one(params.agg)
        .split(',')
        .map((pair) => {
          const at = pair.lastIndexOf(':');
          return [pair.slice(0, at), pair.slice(at + 1)] as const;
        })
        .filter(([key, agg]) => key !== '' && AGGS.has(agg as Aggregation) && agg !== 'last'),
    ) as Record<string, Aggregation>,
    pages: one(params.pages)
      .split('.')
      .filter((t) => PAGE_TOKEN.test(t)),
    expanded: one(params.open)
      .split(',')
      .filter((id) => RUN_ID.test(id)),
    flat: one(params.flat) === '1',
  };
}

/** The query string for a state; defaults are left out so links stay short. */
export function runsQuery(state: RunsViewState): string {
  const q = new URLSearchParams();
  if (state.filter.trim()) q.set('filter', state.filter);
  if (state.order) q.set('order', state.order);
  if (state.columns) q.set('cols', state.columns.map(columnId).join(','));
  const agg = Object.entries(state.agg).filter(([, a]) => a !== 'last');
  if (agg.length) q.set('agg', agg.map(([k, a]) => `${k}:${a}`).join(','));
  if (state.pages.length) q.set('pages', state.pages.join('.'));
  if (state.expanded.length) q.set('open', state.expanded.join(','));
  if (state.flat) q.set('flat', '1');
  return q.toString();
}

/** A change to the search (filter, order, flat) starts again at the first page: old tokens belong to the old search. */
export function withSearch(state: RunsViewState, patch: Partial<Pick<RunsViewState, 'filter' | 'order' | 'flat'>>): RunsViewState {
  return { ...state, ...patch, pages: [] };
}

// ---------------------------------------------------------------- order_by entries per column

const ENTITY: Record<DataKind, string> = { m: 'metrics', p: 'params', t: 'tags' };

export function sortKeyOf(column: DataColumn | { attribute: string }): string {
  return 'attribute' in column ? `attributes.${column.attribute}` : `${ENTITY[column.kind]}.${formatKey(column.key)}`;
}

/** Which way the table is sorted by this key, if at all. */
export function sortDirection(order: string | null, sortKey: string): 'asc' | 'desc' | null {
  if (!order) return sortKey === 'attributes.start_time' ? 'desc' : null;
  const m = /^(.*?)(?:\s+(ASC|DESC))?$/i.exec(order);
  if (!m || m[1] !== sortKey) return null;
  return m[2]?.toUpperCase() === 'DESC' ? 'desc' : 'asc';
}

/** Clicking a header: unsorted → descending for metrics (best first is the usual question), else ascending; then flip. */
export function nextOrder(order: string | null, sortKey: string, firstDesc: boolean): string {
  const current = sortDirection(order, sortKey);
  const desc = current === null ? firstDesc : current === 'asc';
  return `${sortKey} ${desc ? 'DESC' : 'ASC'}`;
}

/** Default columns when the URL names none: a few metrics and params, enough to see without scrolling. */
export function defaultColumns(keys: { metrics: string[]; params: string[] }): DataColumn[] {
  return [...keys.metrics.slice(0, 4).map((key) => ({ kind: 'm' as const, key })), ...keys.params.slice(0, 4).map((key) => ({ kind: 'p' as const, key }))];
}
