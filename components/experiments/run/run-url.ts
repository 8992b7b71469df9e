import type { XMode } from '@/components/charts/series';

/*
 * What the run page keeps in its URL: the tab, and the chart settings shared by every metric chart, so a
 * link pasted into a chat opens the same view. Defaults are left out of the query.
 */

export const RUN_TABS = ['overview', 'charts', 'params', 'tags', 'datasets', 'artifacts'] as const;
export type RunTab = (typeof RUN_TABS)[number];
const X_MODES: readonly XMode[] = ['step', 'wall', 'relative'];

export interface RunPageState {
  tab: RunTab;
  x: XMode;
  log: boolean;
  /** EMA weight, 0 (off) to 0.99. */
  smooth: number;
}

export const DEFAULT_RUN_PAGE: RunPageState = { tab: 'overview', x: 'step', log: false, smooth: 0 };

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseRunPageState(query: Query): RunPageState {
  const tab = one(query.tab);
  const x = one(query.x);
  const smooth = Number(one(query.smooth));
  return {
    tab: (RUN_TABS as readonly string[]).includes(tab ?? '') ? (tab as RunTab) : DEFAULT_RUN_PAGE.tab,
    x: (X_MODES as readonly string[]).includes(x ?? '') ? (x as XMode) : DEFAULT_RUN_PAGE.x,
    log: one(query.log) === '1',
    smooth: Number.isFinite(smooth) ? Math.min(0.99, Math.max(0, Math.round(smooth * 100) / 100)) : 0,
  };
}

export function runPageQuery(state: RunPageState): string {
  const q = new URLSearchParams();
  if (state.tab !== DEFAULT_RUN_PAGE.tab) q.set('tab', state.tab);
  if (state.x !== DEFAULT_RUN_PAGE.x) q.set('x', state.x);
  if (state.log) q.set('log', '1');
  if (state.smooth > 0) q.set('smooth', String(state.smooth));
  return q.toString();
}

export function runPageHref(experimentId: string, runId: string, state: RunPageState): string {
  const q = runPageQuery(state);
  return `/experiments/${experimentId}/runs/${runId}${q ? `?${q}` : ''}`;
}
