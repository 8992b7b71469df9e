import type { Direction } from '@/lib/compare/best';

/*
 * The compare page's whole view lives in the URL, so a pasted link shows a colleague the same thing:
 *   runs=<id>,<id>…  or  exp=<id>,<id>&filter=<text>   which runs
 *   m=val_loss,acc    metrics drawn as curves          dir=val_loss:min,acc:max  best value per metric
 *   x=step|time|relative  log=1  smooth=0.6  zoom=<min>~<max>                    curve options
 *   diff=1            hide params and metrics that are the same in every run
 *   pc=p:lr,m:acc  pcc=m:acc  brush=p:lr~0.001~0.01;p:opt=adam|sgd               parallel coordinates
 *   sx=p:lr  sy=m:val_loss  slx=1  sly=1                                           scatter axes and log scales
 * Axis ids are `p:<param>` or `m:<metric>`; keys never contain , ; ~ = | (MLflow's key rule), and
 * category values inside a brush are percent-encoded. Absent values mean "the default for this data",
 * which the view derives the same way for everyone. Pure; shared by the server page and the client.
 */

export type XAxisKind = 'step' | 'time' | 'relative';
export type Brush = { kind: 'range'; min: number; max: number } | { kind: 'values'; values: string[] };

export interface CompareState {
  runs: string[];
  experiments: string[];
  filter: string;
  metrics: string[] | null;
  dir: Record<string, Direction>;
  x: XAxisKind;
  log: boolean;
  smooth: number;
  zoom: { min: number; max: number } | null;
  diffOnly: boolean;
  axes: string[] | null;
  color: string | null;
  brush: Record<string, Brush>;
  sx: string | null;
  sy: string | null;
  slx: boolean;
  sly: boolean;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const RUN_ID = /^[0-9a-f]{32}$/;
const EXPERIMENT_ID = /^\d{1,15}$/;
const AXIS_ID = /^[pm]:[^,;~=|]+$/;
const X_AXES = new Set<XAxisKind>(['step', 'time', 'relative']);

function get(params: Params, key: string): string {
  if (params instanceof URLSearchParams) return params.get(key) ?? '';
  const v = params[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

const list = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const finite = (s: string): number | null => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : null);

export function parseBrushes(text: string): Record<string, Brush> {
  const out: Record<string, Brush> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && AXIS_ID.test(part.slice(0, eq))) {
      try {
        const values = part.slice(eq + 1).split('|').map(decodeURIComponent);
        out[part.slice(0, eq)] = { kind: 'values', values };
      } catch {
        // A hand-edited value that does not decode is dropped, not guessed at.
      }
      continue;
    }
    const [id, lo, hi] = part.split('~');
    const min = finite(lo ?? '');
    const max = finite(hi ?? '');
    if (AXIS_ID.test(id ?? '') && min !== null && max !== null && min <= max) out[id] = { kind: 'range', min, max };
  }
  return out;
}

export function formatBrushes(brush: Record<string, Brush>): string {
  return Object.entries(brush)
    .map(([id, b]) => (b.kind === 'range' ? `${id}~${b.min}~${b.max}` : `${id}=${b.values.map(encodeURIComponent).join('|')}`))
    .join(';');
}

export function parseCompareState(params: Params): CompareState {
  const zoom = get(params, 'zoom').split('~').map(finite);
  const smooth = finite(get(params, 'smooth')) ?? 0;
  const x = get(params, 'x') as XAxisKind;
  const metrics = get(params, 'm');
  const axes = get(params, 'pc');
  return {
    runs: [...new Set(list(get(params, 'runs')).map((s) => s.toLowerCase()).filter((id) => RUN_ID.test(id)))].slice(0, 1000),
    experiments: list(get(params, 'exp')).filter((id) => EXPERIMENT_ID.test(id)),
    filter: get(params, 'filter').slice(0, 20_000),
    metrics: metrics === '' && !hasKey(params, 'm') ? null : list(metrics),
    dir: Object.fromEntries(
      list(get(params, 'dir')).flatMap((pair) => {
        const at = pair.lastIndexOf(':');
        const d = pair.slice(at + 1);
        return at > 0 && (d === 'min' || d === 'max') ? [[pair.slice(0, at), d]] : [];
      }),
    ),
    x: X_AXES.has(x) ? x : 'step',
    log: get(params, 'log') === '1',
    smooth: Math.min(0.99, Math.max(0, smooth)),
    zoom: zoom.length === 2 && zoom[0] !== null && zoom[1] !== null && zoom[0] < zoom[1] ? { min: zoom[0], max: zoom[1] } : null,
    diffOnly: get(params, 'diff') === '1',
    axes: axes === '' && !hasKey(params, 'pc') ? null : list(axes).filter((id) => AXIS_ID.test(id)),
    color: AXIS_ID.test(get(params, 'pcc')) ? get(params, 'pcc') : null,
    brush: parseBrushes(get(params, 'brush')),
    sx: AXIS_ID.test(get(params, 'sx')) ? get(params, 'sx') : null,
    sy: AXIS_ID.test(get(params, 'sy')) ? get(params, 'sy') : null,
    slx: get(params, 'slx') === '1',
    sly: get(params, 'sly') === '1',
  };
}

function hasKey(params: Params, key: string): boolean {
  return params instanceof URLSearchParams ? params.has(key) : params[key] !== undefined;
}

/** The query string of a state; defaults are left out so links stay short. */
export function compareQuery(s: CompareState): string {
  const q = new URLSearchParams();
  if (s.runs.length) q.set('runs', s.runs.join(','));
  if (s.experiments.length) q.set('exp', s.experiments.join(','));
  if (s.filter.trim()) q.set('filter', s.filter);
  if (s.metrics) q.set('m', s.metrics.join(','));
  const dir = Object.entries(s.dir);
  if (dir.length) q.set('dir', dir.map(([k, d]) => `${k}:${d}`).join(','));
  if (s.x !== 'step') q.set('x', s.x);
  if (s.log) q.set('log', '1');
  if (s.smooth > 0) q.set('smooth', String(s.smooth));
  if (s.zoom) q.set('zoom', `${s.zoom.min}~${s.zoom.max}`);
  if (s.diffOnly) q.set('diff', '1');
  if (s.axes) q.set('pc', s.axes.join(','));
  if (s.color) q.set('pcc', s.color);
  if (Object.keys(s.brush).length) q.set('brush', formatBrushes(s.brush));
  if (s.sx) q.set('sx', s.sx);
  if (s.sy) q.set('sy', s.sy);
  if (s.slx) q.set('slx', '1');
  if (s.sly) q.set('sly', '1');
  // These separators need no escaping in a query string; left as they are, links stay readable.
  return q.toString().replace(/%(2C|3A|7E|7C|3B)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A filter for the runs table that selects exactly these runs. */
export function runIdFilter(ids: readonly string[]): string {
  return `attributes.run_id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
}
