'use client';

import dynamic from 'next/dynamic';
import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { Direction } from '@/lib/compare/best';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { axisData, brushedRuns, defaultAxes, type AxisData } from './axes';
import { runColor } from './chart-theme';
import type { InitialCurves } from './curve-charts';
import { FrameWidth } from './curve-frame';
import { CurvesSection } from './curves-section';
import { DeferredSection, SectionPlaceholder } from './deferred-section';
import { DiffTables } from './diff-tables';
import { DownloadCsvButton } from './download-csv-button';
import { useCompareState } from './use-compare-state';

/*
 * The parallel coordinates and the scatter plot, with the parts of ECharts they need, are separate
 * chunks loaded after the first curves are drawn (or when scrolled near): the first chart waits for
 * neither their code nor their drawing.
 */
const PARALLEL_HEIGHT = 360;
const SCATTER_HEIGHT = 340;
const ParallelSection = dynamic(() => import('./parallel-section').then((m) => m.ParallelSection), {
  ssr: false,
  loading: () => <SectionPlaceholder title="Parallel coordinates" height={PARALLEL_HEIGHT} />,
});
const ScatterSection = dynamic(() => import('./scatter-section').then((m) => m.ScatterSection), {
  ssr: false,
  loading: () => <SectionPlaceholder title="Scatter" height={SCATTER_HEIGHT} />,
});

/** The compare page below its header: every section reads and writes the one state in the URL. */
interface Props {
  data: GetComparisonOutput;
  initialCurves: Promise<InitialCurves | null> | null;
  /** The width the server draws the first charts at (frame-width.ts). */
  frameWidth: number;
}

export function CompareView({ data, initialCurves, frameWidth }: Props) {
  const [state, update] = useCompareState();
  const colors = useMemo(() => data.runs.map((_, i) => runColor(i)), [data.runs]);
  // The same axes as viewAxes (curves-request.ts), which the server uses to choose the first curves.
  const colorId = state.color ?? (data.metrics[0] ? `m:${data.metrics[0].key}` : null);
  const axesKey = (state.axes ?? defaultAxes(data, colorId)).join(',');
  const axes = useMemo(() => (axesKey ? axesKey.split(',') : []).map((id) => axisData(data, id)).filter((a): a is AxisData => a !== null), [axesKey, data]);
  const colorAxis = useMemo(() => (colorId ? axisData(data, colorId) : null), [colorId, data]);
  const brushKey = JSON.stringify(state.brush);
  const selected = useMemo(() => brushedRuns(axes, JSON.parse(brushKey), data.runs.length), [axes, brushKey, data.runs.length]);
  const experiments = [...new Set(data.runs.map((r) => r.experimentName))];
  const csvSource = useMemo(() => ({ runIds: data.runs.map((r) => r.id) }), [data.runs]);
  const onDiffOnly = useCallback((diffOnly: boolean) => update({ diffOnly }), [update]);
  const dir = state.dir;
  const onDirection = useCallback((key: string, d: Direction) => update({ dir: { ...dir, [key]: d } }), [update, dir]);
  const [curvesDrawn, setCurvesDrawn] = useState(false);
  // What waits for the first chart (more table columns, the parallel and scatter charts) is rendered in a
  // transition, so that a click meanwhile is not held up by it.
  const onCurvesDrawn = useCallback(() => startTransition(() => setCurvesDrawn(true)), []);
  useEffect(() => {
    // Phases of the first view, for the browser's performance timeline (bench/compare-page.ts reads them).
    performance.mark('compare:hydrated');
  }, []);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          {data.runs.length} runs from {experiments.length === 1 ? experiments[0] : `${experiments.length} experiments`}
          {data.truncated ? ' — the first 1,000 matching runs (newest first); narrow the filter to compare the rest' : ''}
          {data.missingRunIds.length ? ` — ${data.missingRunIds.length} run${data.missingRunIds.length > 1 ? 's' : ''} in the address no longer exist` : ''}
        </p>
        <DownloadCsvButton source={csvSource} />
      </div>
      <DiffTables data={data} colors={colors} diffOnly={state.diffOnly} dir={state.dir} onDiffOnly={onDiffOnly} onDirection={onDirection} later={curvesDrawn} />
      <FrameWidth value={frameWidth}>
        <CurvesSection data={data} initialCurves={initialCurves} state={state} update={update} colors={colors} selected={selected} onDrawn={onCurvesDrawn} />
      </FrameWidth>
      <DeferredSection title="Parallel coordinates" height={PARALLEL_HEIGHT} after={curvesDrawn}>
        <ParallelSection data={data} state={state} update={update} axes={axes} colorAxis={colorAxis} selected={selected} />
      </DeferredSection>
      <DeferredSection title="Scatter" height={SCATTER_HEIGHT} after={curvesDrawn}>
        <ScatterSection data={data} state={state} update={update} colors={colors} selected={selected} />
      </DeferredSection>
    </div>
  );
}
