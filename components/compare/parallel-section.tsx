'use client';

import type { EChartsOption, EChartsType } from 'echarts';
import { useTheme } from 'next-themes';
import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { Button } from '@/components/ui/button';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { availableAxes, type AxisData } from './axes';
import { AxisPicker } from './axis-picker';
import { chartTheme, formatValue } from './chart-theme';
import { compareQuery, runIdFilter, type Brush, type CompareState } from './compare-url';
import { EChart } from './echart';

interface Props {
  data: GetComparisonOutput;
  state: CompareState;
  update: (patch: Partial<CompareState>) => void;
  axes: AxisData[];
  colorAxis: AxisData | null;
  selected: boolean[];
}

/** Brush intervals as ECharts keeps them: value ranges, or category index ranges. */
function toIntervals(axis: AxisData, brush: Brush | undefined): number[][] {
  if (!brush) return [];
  if (brush.kind === 'range') return [[brush.min, brush.max]];
  return brush.values.map((v) => axis.categories.indexOf(v)).filter((i) => i >= 0).map((i) => [i - 0.3, i + 0.3]);
}

function fromIntervals(axis: AxisData, intervals: number[][]): Brush | null {
  if (intervals.length === 0) return null;
  if (axis.numeric) {
    const [a, b] = intervals[0];
    return { kind: 'range', min: Math.min(a, b), max: Math.max(a, b) };
  }
  const values = axis.categories.filter((_, i) => intervals.some(([a, b]) => i >= Math.min(a, b) && i <= Math.max(a, b)));
  return values.length ? { kind: 'values', values } : null;
}

const sameBrush = (a: Brush | undefined, b: Brush | null) => JSON.stringify(a ?? null) === JSON.stringify(b);

/** Parallel coordinates over chosen params and metrics, coloured by a metric; brushing an axis selects runs. */
export function ParallelSection({ data, state, update, axes, colorAxis, selected }: Props) {
  const dark = useTheme().resolvedTheme === 'dark';
  const t = useMemo(() => chartTheme(dark), [dark]);
  const ids = axes.map((a) => a.id);
  const picked = data.runs.filter((_, i) => selected[i]);
  const brushed = Object.keys(state.brush).some((id) => ids.includes(id));

  const option = useMemo<EChartsOption>(() => {
    const colorValues = colorAxis ? (colorAxis.values.filter((v) => typeof v === 'number') as number[]) : [];
    return {
      parallel: { left: 70, right: colorAxis ? 150 : 50, top: 40, bottom: 30, parallelAxisDefault: { areaSelectStyle: { width: 16, opacity: 0.35, color: dark ? 'rgba(96,165,250,0.25)' : 'rgba(37,99,235,0.15)', borderColor: dark ? '#60a5fa' : '#2563eb' } } },
      parallelAxis: axes.map((a, dim) => ({
        dim,
        id: a.id,
        name: a.label,
        type: a.numeric ? 'value' : 'category',
        data: a.numeric ? undefined : a.categories,
        scale: true,
        nameLocation: 'start',
        nameGap: 16,
        nameTextStyle: { color: t.text, fontSize: 11 },
        axisLine: { lineStyle: { color: t.axis } },
        axisTick: { lineStyle: { color: t.axis } },
        axisLabel: { color: t.muted, fontSize: 10, formatter: a.numeric ? (v: number) => formatValue(v) : undefined },
      })),
      visualMap: colorAxis && colorValues.length
        ? {
            type: 'continuous',
            dimension: axes.length,
            min: Math.min(...colorValues),
            max: Math.max(...colorValues),
            right: 16,
            top: 'middle',
            itemHeight: 120,
            calculable: false,
            text: [colorAxis.label, ''],
            textStyle: { color: t.text, fontSize: 11 },
            inRange: { color: ['#1d4ed8', '#7c3aed', '#db2777', '#f97316'] },
            formatter: (v: unknown) => formatValue(Number(v)),
          }
        : undefined,
      tooltip: {
        trigger: 'item',
        backgroundColor: t.surface,
        borderColor: t.axis,
        textStyle: { color: t.text, fontSize: 12 },
        formatter: (p: unknown) => {
          const { name, value } = p as { name: string; value: (number | string | null)[] };
          return [`<b>${name}</b>`, ...axes.map((a, i) => `${a.label}: ${typeof value[i] === 'number' ? formatValue(value[i] as number) : (value[i] ?? '—')}`)].join('<br/>');
        },
      },
      series: [
        {
          type: 'parallel',
          smooth: false,
          lineStyle: { width: 1.5, opacity: 0.75, color: colorAxis ? undefined : dark ? '#60a5fa' : '#2563eb' },
          inactiveOpacity: 0.06,
          activeOpacity: 1,
          data: data.runs.map((r, i) => ({ name: r.name, value: [...axes.map((a) => a.values[i]), colorAxis ? colorAxis.values[i] : null] })),
        },
      ],
    } as EChartsOption;
  }, [axes, colorAxis, data.runs, dark, t]);

  // ECharts calls back with the state of its own making; refs let the handlers see the latest URL state.
  const chartRef = useRef<EChartsType | null>(null);
  const brushRef = useRef(state.brush);
  const axesRef = useRef(axes);
  useEffect(() => {
    brushRef.current = state.brush;
    axesRef.current = axes;
  });
  const applyBrushes = (chart: EChartsType) => {
    chartRef.current = chart;
    for (const a of axesRef.current) chart.dispatchAction({ type: 'axisAreaSelect', parallelAxisId: a.id, intervals: toIntervals(a, brushRef.current[a.id]) });
  };
  const brushText = JSON.stringify(state.brush);
  useEffect(() => {
    if (chartRef.current && !chartRef.current.isDisposed()) applyBrushes(chartRef.current);
  }, [brushText]);
  const onBrush = (params: unknown) => {
    const { parallelAxisId, intervals } = params as { parallelAxisId?: string; intervals?: number[][] };
    const axis = axesRef.current.find((a) => a.id === parallelAxisId);
    if (!axis || !intervals) return;
    const next = fromIntervals(axis, intervals);
    if (sameBrush(brushRef.current[axis.id], next)) return;
    const brush = { ...brushRef.current };
    if (next) brush[axis.id] = next;
    else delete brush[axis.id];
    brushRef.current = brush;
    update({ brush });
  };

  const experiments = [...new Set(picked.map((r) => r.experimentId))];
  const colorOptions = availableAxes(data).filter((a) => a.id.startsWith('m:'));
  return (
    <section aria-labelledby="parallel-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="parallel-heading" className="text-base font-semibold">
          Parallel coordinates
          <span className="ml-2 text-sm font-normal text-muted-foreground" data-testid="brush-count">
            {brushed ? `${picked.length} of ${data.runs.length} runs in the brushed selection` : 'drag along an axis to select runs'}
          </span>
        </h2>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label className="flex items-center gap-2">
            Colour by
            <select className="h-8 rounded-md border bg-background px-2 text-sm" value={colorAxis?.id ?? ''} onChange={(e) => update({ color: e.target.value || null })}>
              <option value="">none</option>
              {colorOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <AxisPicker options={availableAxes(data)} chosen={ids} onChange={(next) => update({ axes: next })} />
          {brushed ? (
            <Button variant="outline" size="sm" onClick={() => update({ brush: {} })}>
              Clear brushes
            </Button>
          ) : null}
        </div>
      </div>
      {axes.length < 2 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          {axes.length === 0 ? 'No params or metrics to draw: these runs logged none.' : 'Choose at least two axes with “Axes” to draw parallel coordinates.'}
        </p>
      ) : (
        <div className="rounded-md border p-2">
          <EChart
            testId="parallel-chart"
            option={option}
            label={`Parallel coordinates of ${data.runs.length} runs over ${axes.map((a) => a.label).join(', ')}`}
            onReady={applyBrushes}
            onEvents={{ axisareaselected: onBrush }}
            key={`${ids.join(',')}|${colorAxis?.id ?? ''}|${dark}`}
          />
        </div>
      )}
      {brushed && picked.length > 0 ? (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          {experiments.length === 1 ? (
            <Link className="underline underline-offset-4" href={`/experiments/${experiments[0]}?${new URLSearchParams({ filter: runIdFilter(picked.map((r) => r.id)) })}`}>
              Show these {picked.length} runs in the runs table
            </Link>
          ) : null}
          <Link className="underline underline-offset-4" href={`/compare?${compareQuery({ ...state, runs: picked.map((r) => r.id), experiments: [], filter: '', brush: {}, zoom: null })}`}>
            Compare only these {picked.length} runs
          </Link>
        </p>
      ) : null}
    </section>
  );
}
