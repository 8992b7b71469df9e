'use client';

import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MetricTooltip } from './metric-tooltip';
import { formatX, formatY, mergeSeries, orderedRange, X_LABEL, type ChartSeries, type XMode } from './series';

export interface MetricChartProps {
  series: ChartSeries[];
  xMode: XMode;
  /** Accessible name of the plot, e.g. "loss by step". */
  label: string;
  logScale?: boolean;
  /** EMA weight in [0, 1); above 0 the raw line turns faint and a smoothed line is drawn over it. */
  smoothing?: number;
  /** Called with the x range a person dragged across, in the chart's own x units. */
  onZoom?: (range: { min: number; max: number }) => void;
  /** Fixes the x extent (e.g. the zoomed range) instead of fitting the data. */
  xDomain?: [number, number];
  height?: number;
  /** What the y axis measures; the metric key when there is nothing better. */
  yLabel?: string;
}

const AXIS_TICK = { fontSize: 11, fill: 'var(--muted-foreground)' };

/**
 * Metric histories over step, wall time or time since start, for one run or several. Min/max bands show
 * what server-side downsampling folded together, so a spike is never lost; values a log scale cannot show
 * are counted under the plot instead of vanishing silently.
 */
export function MetricChart({ series, xMode, label, logScale = false, smoothing = 0, onZoom, xDomain, height = 240, yLabel }: MetricChartProps) {
  const { rows, notes } = useMemo(() => mergeSeries(series, { log: logScale, smoothing }), [series, logScale, smoothing]);
  const [drag, setDrag] = useState<{ from?: number; to?: number }>({});
  const span = rows.length > 1 ? rows[rows.length - 1].x - rows[0].x : 0;
  const drawn = rows.some((r) => series.some((s) => typeof r[s.id] === 'number'));
  const smoothOn = smoothing > 0;

  const hidden = notes.hidden.nonFinite + notes.hidden.nonPositive;
  if (!drawn) {
    return (
      <div role="img" aria-label={`${label}: nothing to draw`} className="flex items-center justify-center rounded-md border border-dashed px-4 text-center text-xs text-muted-foreground" style={{ height }}>
        {rows.length === 0
          ? 'No points in this range.'
          : logScale && notes.hidden.nonPositive > 0
            ? 'Every value is zero, negative or not a number, which a log scale cannot draw. Switch to a linear scale.'
            : 'Every value is NaN or infinite, so there is no line to draw.'}
      </div>
    );
  }

  const toNumber = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const finishDrag = () => {
    const range = orderedRange(drag.from, drag.to);
    setDrag({});
    if (range && onZoom) onZoom(range);
  };

  return (
    <figure className="flex flex-col gap-1">
      <div role="img" aria-label={`${label}; ${series.map((s) => `${s.label}: ${s.points.length} points`).join(', ')}`} style={{ height }} className="select-none">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 6, right: 12, bottom: 18, left: 4 }}
            onMouseDown={onZoom ? (e) => setDrag({ from: toNumber(e.activeLabel) }) : undefined}
            onMouseMove={onZoom ? (e) => drag.from !== undefined && setDrag((d) => ({ ...d, to: toNumber(e.activeLabel) })) : undefined}
            onMouseUp={onZoom ? finishDrag : undefined}
            onMouseLeave={() => setDrag({})}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="x"
              type="number"
              domain={xDomain ?? ['dataMin', 'dataMax']}
              allowDataOverflow={!!xDomain}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={{ stroke: 'var(--border)' }}
              tickFormatter={(x: number) => formatX(x, xMode, span)}
              minTickGap={24}
              label={{ value: X_LABEL[xMode], position: 'insideBottom', offset: -12, fontSize: 11, fill: 'var(--muted-foreground)' }}
            />
            <YAxis
              type="number"
              scale={logScale ? 'log' : 'linear'}
              domain={['auto', 'auto']}
              allowDataOverflow={logScale}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
              width={64}
              tickFormatter={formatY}
              label={yLabel ? { value: logScale ? `${yLabel} (log)` : yLabel, angle: -90, position: 'insideLeft', offset: 10, fontSize: 11, fill: 'var(--muted-foreground)', style: { textAnchor: 'middle' } } : undefined}
            />
            <Tooltip content={<MetricTooltip series={series} xMode={xMode} span={span} smoothing={smoothOn} />} isAnimationActive={false} />
            {series.map((s) =>
              s.band?.length ? (
                <Area key={`${s.id}#`} dataKey={`${s.id}#`} stroke="none" fill={s.color} fillOpacity={0.18} isAnimationActive={false} connectNulls activeDot={false} legendType="none" />
              ) : null,
            )}
            {series.map((s) => (
              <Line
                key={s.id}
                dataKey={s.id}
                name={s.label}
                stroke={s.color}
                strokeOpacity={smoothOn ? 0.3 : 1}
                strokeWidth={1.5}
                dot={false}
                activeDot={smoothOn ? false : { r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            ))}
            {smoothOn
              ? series.map((s) => (
                  <Line key={`${s.id}~`} dataKey={`${s.id}~`} name={`${s.label} (smoothed)`} stroke={s.color} strokeWidth={2} dot={false} activeDot={{ r: 3 }} connectNulls isAnimationActive={false} />
                ))
              : null}
            {drag.from !== undefined && drag.to !== undefined ? <ReferenceArea x1={drag.from} x2={drag.to} fill="var(--primary)" fillOpacity={0.12} stroke="var(--primary)" strokeOpacity={0.4} /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        {series.map((s) => (
          <span key={s.id} className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-0.5 w-3 rounded" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
        {smoothOn ? <span>faint: raw · bold: smoothed (EMA {smoothing.toFixed(2)})</span> : null}
        {series.some((s) => s.band?.length) ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-2 w-3 rounded-sm bg-foreground/15" />
            min–max of folded points
          </span>
        ) : null}
        {hidden > 0 ? (
          <span>
            {hidden.toLocaleString('en-US')} {hidden === 1 ? 'point' : 'points'} not drawn (
            {[notes.hidden.nonFinite ? `${notes.hidden.nonFinite} NaN or ±∞` : '', notes.hidden.nonPositive ? `${notes.hidden.nonPositive} ≤ 0 on log scale` : ''].filter(Boolean).join(', ')})
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
