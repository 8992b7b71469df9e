'use client';

import { LineChart as LineChartIcon, ZoomOut } from 'lucide-react';
import { Suspense, useCallback, useMemo, useRef } from 'react';
import { Button } from '@/components/ui/button';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import type { CompareState, XAxisKind } from './compare-url';
import { CurveCharts, CurvesLoading, type InitialCurves } from './curve-charts';
import { chartRunIndices, curvesRequest, defaultMetrics, requestKey } from './curves-request';
import { xTick, type CurveRun } from './curve-chart';
import { MAX_CURVE_KEYS } from './limits';

interface Props {
  data: GetComparisonOutput;
  /** The first curves, read on the server with the page and streamed after it; null when none were asked for. */
  initialCurves: Promise<InitialCurves | null> | null;
  state: CompareState;
  update: (patch: Partial<CompareState>) => void;
  colors: string[];
  /** Runs the brush keeps (all when nothing is brushed). */
  selected: boolean[];
  /** Called once, when the first chart is on the screen or there is no chart to draw. */
  onDrawn?: () => void;
}

/** Overlaid curves: choose metrics, x axis, log scale, smoothing; drag on a chart to zoom (fetched afresh). */
export function CurvesSection({ data, initialCurves, state, update, colors, selected, onDrawn }: Props) {
  const metrics = state.metrics ?? defaultMetrics(data);
  const chartRuns = useMemo(() => chartRunIndices(selected).map((i) => ({ r: data.runs[i], i })), [data.runs, selected]);
  const runMap = useMemo(() => new Map<string, CurveRun>(chartRuns.map(({ r, i }) => [r.id, { id: r.id, name: r.name, color: colors[i] }])), [chartRuns, colors]);
  const runIds = chartRuns.map(({ r }) => r.id).join(',');
  const keys = metrics.join(',');
  const zoomKey = state.zoom ? `${state.zoom.min}~${state.zoom.max}` : '';
  const body = useMemo(() => {
    const [min, max] = zoomKey ? zoomKey.split('~').map(Number) : [];
    return curvesRequest(runIds ? runIds.split(',') : [], keys ? keys.split(',') : [], { x: state.x, zoom: zoomKey ? { min, max } : null });
  }, [runIds, keys, state.x, zoomKey]);

  const drawnOnce = useRef(false);
  const firstDrawn = useCallback(() => {
    if (drawnOnce.current) return;
    drawnOnce.current = true;
    // For the browser's performance timeline (bench/compare-page.ts reads it).
    performance.mark('compare:first-chart');
    onDrawn?.();
  }, [onDrawn]);

  const toggle = (key: string) => {
    const next = metrics.includes(key) ? metrics.filter((k) => k !== key) : [...metrics, key].slice(-MAX_CURVE_KEYS);
    update({ metrics: next, zoom: null });
  };

  return (
    <section aria-labelledby="curves-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="curves-heading" className="text-base font-semibold">
          Metric curves
          <span className="ml-2 text-sm font-normal text-muted-foreground">
            {chartRuns.length < selected.filter(Boolean).length ? `first ${chartRuns.length} of ${selected.filter(Boolean).length} runs; brush the parallel axes to choose others` : `${chartRuns.length} runs`}
          </span>
        </h2>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            X axis
            <select className="h-8 rounded-md border bg-background px-2 text-sm" value={state.x} onChange={(e) => update({ x: e.target.value as XAxisKind, zoom: null })}>
              <option value="step">Step</option>
              <option value="time">Wall time</option>
              <option value="relative">Relative time</option>
            </select>
          </label>
          <label className="flex cursor-pointer items-center gap-2">
            <input type="checkbox" className="size-3.5 accent-primary" checked={state.log} onChange={(e) => update({ log: e.target.checked })} />
            Log scale
          </label>
          <label className="flex items-center gap-2">
            Smoothing
            <input type="range" min={0} max={0.99} step={0.01} value={state.smooth} onChange={(e) => update({ smooth: Number(e.target.value) })} className="w-28 accent-primary" aria-valuetext={state.smooth ? `EMA ${state.smooth}` : 'off'} />
            <span className="w-8 tabular-nums text-muted-foreground">{state.smooth ? state.smooth.toFixed(2) : 'off'}</span>
          </label>
          {state.zoom ? (
            <Button variant="outline" size="sm" onClick={() => update({ zoom: null })}>
              <ZoomOut aria-hidden />
              Reset zoom ({xTick(state.x, state.zoom.min)} – {xTick(state.x, state.zoom.max)})
            </Button>
          ) : null}
        </div>
      </div>
      <div role="group" aria-label="Metrics to draw" className="flex flex-wrap gap-1.5">
        {data.metrics.length === 0 ? <p className="text-sm text-muted-foreground">No metrics were logged on these runs.</p> : null}
        {data.metrics.map((m) => (
          <Button key={m.key} variant={metrics.includes(m.key) ? 'secondary' : 'outline'} size="sm" aria-pressed={metrics.includes(m.key)} onClick={() => toggle(m.key)} className="font-mono">
            {m.key}
          </Button>
        ))}
      </div>
      <ul aria-label="Runs in the charts" className="flex max-h-20 flex-wrap gap-x-3 gap-y-1 overflow-auto text-xs">
        {chartRuns.map(({ r, i }) => (
          <li key={r.id} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-0.5 w-3" style={{ backgroundColor: colors[i] }} />
            {r.name}
          </li>
        ))}
      </ul>
      {metrics.length === 0 && data.metrics.length > 0 ? (
        <p className="flex items-center gap-2 rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          <LineChartIcon className="size-4" aria-hidden /> Choose a metric above to draw its curves.
        </p>
      ) : null}
      <Suspense fallback={<CurvesLoading metrics={metrics} />}>
        <CurveCharts initialCurves={initialCurves} body={body} request={requestKey(body)} metrics={metrics} runs={runMap} state={state} update={update} onDrawn={firstDrawn} />
      </Suspense>
    </section>
  );
}
