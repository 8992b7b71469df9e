'use client';

import { useMemo } from 'react';
import type { GetComparisonCurvesOutput, GetComparisonOutput } from '@/lib/compare/schemas';
import { axisData, brushedRuns, defaultAxes, type AxisData } from './axes';
import { runColor } from './chart-theme';
import { CurvesSection } from './curves-section';
import { DiffTables } from './diff-tables';
import { ParallelSection } from './parallel-section';
import { ScatterSection } from './scatter-section';
import { useCompareState } from './use-compare-state';

/** The compare page below its header: every section reads and writes the one state in the URL. */
export function CompareView({ data, initialCurves }: { data: GetComparisonOutput; initialCurves: { request: string; curves: GetComparisonCurvesOutput } | null }) {
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

  return (
    <div className="space-y-8">
      <p className="text-sm text-muted-foreground">
        {data.runs.length} runs from {experiments.length === 1 ? experiments[0] : `${experiments.length} experiments`}
        {data.truncated ? ' — the first 1,000 matching runs (newest first); narrow the filter to compare the rest' : ''}
        {data.missingRunIds.length ? ` — ${data.missingRunIds.length} run${data.missingRunIds.length > 1 ? 's' : ''} in the address no longer exist` : ''}
      </p>
      <DiffTables
        data={data}
        colors={colors}
        diffOnly={state.diffOnly}
        dir={state.dir}
        onDiffOnly={(diffOnly) => update({ diffOnly })}
        onDirection={(key, d) => update({ dir: { ...state.dir, [key]: d } })}
      />
      <CurvesSection data={data} initialCurves={initialCurves} state={state} update={update} colors={colors} selected={selected} />
      <ParallelSection data={data} state={state} update={update} axes={axes} colorAxis={colorAxis} selected={selected} />
      <ScatterSection data={data} state={state} update={update} colors={colors} selected={selected} />
    </div>
  );
}
