'use client';

import type { EChartsOption } from 'echarts';
import { useTheme } from 'next-themes';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { availableAxes, axisData } from './axes';
import { chartTheme, formatValue } from './chart-theme';
import type { CompareState } from './compare-url';
import { EChart } from './echart';

interface Props {
  data: GetComparisonOutput;
  state: CompareState;
  update: (patch: Partial<CompareState>) => void;
  colors: string[];
  selected: boolean[];
}

/** Any two params or metrics against each other, one point per run; hover names the run, click opens it. */
export function ScatterSection({ data, state, update, colors, selected }: Props) {
  const dark = useTheme().resolvedTheme === 'dark';
  const router = useRouter();
  const t = useMemo(() => chartTheme(dark), [dark]);
  const options = useMemo(() => availableAxes(data), [data]);
  // Memoised so that the chart is redrawn only when its axes or data change, not on every render of the page.
  const { sx, sy, x, y } = useMemo(() => {
    const numericParam = data.params.find((p) => p.differs && p.numeric);
    const sx = state.sx ?? (numericParam ? `p:${numericParam.key}` : options[0]?.id) ?? null;
    const sy = state.sy ?? (data.metrics[0] ? `m:${data.metrics[0].key}` : options[1]?.id) ?? null;
    return { sx, sy, x: sx ? axisData(data, sx) : null, y: sy ? axisData(data, sy) : null };
  }, [data, options, state.sx, state.sy]);
  const logX = state.slx && !!x?.numeric;
  const logY = state.sly && !!y?.numeric;

  const { option, plotted, dropped } = useMemo(() => {
    if (!x || !y) return { option: null, plotted: 0, dropped: 0 };
    const usable = (v: number | string | null, log: boolean) => v !== null && (typeof v === 'string' || (Number.isFinite(v) && (!log || v > 0)));
    const points = data.runs.flatMap((r, i) =>
      usable(x.values[i], logX) && usable(y.values[i], logY)
        ? [{ name: r.name, id: r.id, experimentId: r.experimentId, value: [x.values[i], y.values[i]], itemStyle: { color: colors[i], opacity: selected[i] ? 0.9 : 0.12 } }]
        : [],
    );
    const axis = (a: NonNullable<typeof x>, log: boolean, dim: 'x' | 'y') => ({
      type: a.numeric ? (log ? 'log' : 'value') : 'category',
      data: a.numeric ? undefined : a.categories,
      name: `${a.label}${log ? ' (log)' : ''}`,
      nameLocation: 'middle',
      nameGap: dim === 'x' ? 28 : 52,
      nameTextStyle: { color: t.text, fontSize: 11 },
      scale: true,
      axisLine: { lineStyle: { color: t.axis } },
      axisLabel: { color: t.muted, fontSize: 10, formatter: a.numeric ? (v: number) => formatValue(v) : undefined },
      splitLine: { lineStyle: { color: t.grid } },
    });
    const option = {
      grid: { left: 70, right: 24, top: 16, bottom: 46 },
      xAxis: axis(x, logX, 'x'),
      yAxis: axis(y, logY, 'y'),
      tooltip: {
        trigger: 'item',
        backgroundColor: t.surface,
        borderColor: t.axis,
        textStyle: { color: t.text, fontSize: 12 },
        formatter: (p: unknown) => {
          const { name, value } = p as { name: string; value: (number | string)[] };
          const f = (v: number | string) => (typeof v === 'number' ? formatValue(v) : v);
          return `<b>${name}</b><br/>${x.label}: ${f(value[0])}<br/>${y.label}: ${f(value[1])}<br/><span style="opacity:.7">click to open the run</span>`;
        },
      },
      series: [{ type: 'scatter', symbolSize: 9, data: points, emphasis: { scale: 1.6 }, cursor: 'pointer' }],
    } as EChartsOption;
    return { option, plotted: points.length, dropped: data.runs.length - points.length };
  }, [x, y, logX, logY, data.runs, colors, selected, t]);

  const pick = (label: string, value: string | null, onChange: (id: string) => void, log: boolean, onLog: (v: boolean) => void) => (
    <span className="flex items-center gap-2">
      <label className="flex items-center gap-2">
        {label}
        <select className="h-8 max-w-56 rounded-md border bg-background px-2 font-mono text-[13px]" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex cursor-pointer items-center gap-1 text-xs">
        <input type="checkbox" className="size-3.5 accent-primary" checked={log} onChange={(e) => onLog(e.target.checked)} />
        log
      </label>
    </span>
  );

  return (
    <section aria-labelledby="scatter-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="scatter-heading" className="text-base font-semibold">
          Scatter
          <span className="ml-2 text-sm font-normal text-muted-foreground">
            {plotted} runs{dropped ? ` · ${dropped} without both values${logX || logY ? ' (or ≤ 0 on a log axis)' : ''} left out` : ''}
          </span>
        </h2>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          {pick('X', sx, (id) => update({ sx: id }), state.slx, (v) => update({ slx: v }))}
          {pick('Y', sy, (id) => update({ sy: id }), state.sly, (v) => update({ sly: v }))}
        </div>
      </div>
      {!option || plotted === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          {options.length === 0 ? 'No params or metrics to plot: these runs logged none.' : 'No run has a value on both axes; choose other axes.'}
        </p>
      ) : (
        <div className="rounded-md border p-2">
          <EChart
            testId="scatter-chart"
            height={340}
            option={option}
            label={`Scatter of ${plotted} runs: ${x?.label} against ${y?.label}`}
            onEvents={{
              click: (p: unknown) => {
                const d = (p as { data?: { id: string; experimentId: string } }).data;
                if (d) router.push(`/experiments/${d.experimentId}/runs/${d.id}`);
              },
            }}
          />
        </div>
      )}
    </section>
  );
}
