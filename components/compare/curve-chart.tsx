'use client';

import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { emaSmooth } from '@/lib/compare/ema';
import type { CurveSeriesView } from '@/lib/compare/schemas';
import { formatDuration, formatValue, formatWallTime } from './chart-theme';
import type { XAxisKind } from './compare-url';
import { CurveInteraction } from './curve-interaction';

export interface CurveRun {
  id: string;
  name: string;
  color: string;
}

interface Line {
  run: CurveRun;
  points: { x: number; y: number | null }[];
  raw: { x: number; y: number | null }[];
  bands: { x: number; r: [number, number] }[];
  total: number;
}

const y = (v: number | string): number => (typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);
const X_LABEL: Record<XAxisKind, string> = { step: 'Step', time: 'Wall time', relative: 'Time since run start' };

export function xTick(x: XAxisKind, v: number): string {
  if (x === 'step') return formatValue(v);
  return x === 'time' ? formatWallTime(v) : formatDuration(v);
}

/** Nearest point at or around x, by binary search on the x-sorted points. */
function nearest(points: { x: number; y: number | null }[], x: number): { x: number; y: number | null } | null {
  if (points.length === 0) return null;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].x < x) lo = mid + 1;
    else hi = mid;
  }
  const after = points[lo];
  const before = points[Math.max(0, lo - 1)];
  return Math.abs(before.x - x) <= Math.abs(after.x - x) ? before : after;
}

interface Props {
  metric: string;
  series: CurveSeriesView[];
  runs: Map<string, CurveRun>;
  xAxis: XAxisKind;
  log: boolean;
  smooth: number;
  zoom: { min: number; max: number } | null;
  onZoom: (range: { min: number; max: number } | null) => void;
}

/** One metric, one line per run, min/max bands where a bucket hides variation, hover tooltip, drag to zoom. */
export function CurveChart({ metric, series, runs, xAxis, log, smooth, zoom, onZoom }: Props) {
  const [hover, setHover] = useState<{ x: number; px: number } | null>(null);
  const lines = useMemo<Line[]>(() => {
    const keep = (v: number) => Number.isFinite(v) && (!log || v > 0);
    return series.flatMap((s) => {
      const run = runs.get(s.runId);
      if (!run || s.points.length === 0) return [];
      const raw = s.points.map(([px, py]) => ({ x: px, y: keep(y(py)) ? y(py) : null }));
      const smoothed = smooth > 0 ? emaSmooth(raw.map((p) => p.y), smooth).map((v, i) => ({ x: raw[i].x, y: v })) : raw;
      const bands = s.bands.flatMap(([bx, bxEnd, lo, hi]) => {
        if (!keep(y(lo)) || !keep(y(hi))) return [];
        const r: [number, number] = [y(lo), y(hi)];
        return [
          { x: bx, r },
          { x: bxEnd, r },
        ];
      });
      return [{ run, points: smoothed, raw, bands, total: s.totalPoints }];
    });
  }, [series, runs, log, smooth]);

  const extent = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const l of lines) {
      for (const p of l.raw) {
        if (p.y === null) continue;
        lo = Math.min(lo, p.x);
        hi = Math.max(hi, p.x);
      }
    }
    return lo <= hi ? { min: lo, max: hi } : null;
  }, [lines]);

  const shown = zoom ?? extent;
  const hidden = log ? series.reduce((n, s) => n + s.points.filter(([, v]) => !(y(v) > 0)).length, 0) : 0;

  if (lines.length === 0 || !shown) {
    return (
      <figure className="flex h-72 flex-col items-center justify-center rounded-md border border-dashed text-sm text-muted-foreground" aria-label={`${metric}: no data`}>
        <p className="font-mono text-foreground">{metric}</p>
        <p>{zoom ? 'No points in the zoomed range; reset the zoom.' : `None of these runs logged a history for ${metric}.`}</p>
      </figure>
    );
  }

  const move = (dir: number) => {
    const span = shown.max - shown.min;
    const at = hover ? hover.x : shown.min + span / 2;
    setHover({ x: Math.min(shown.max, Math.max(shown.min, at + (dir * span) / 50)), px: 0 });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const span = shown.max - shown.min;
    const at = hover?.x ?? shown.min + span / 2;
    if (e.key === 'ArrowRight') move(1);
    else if (e.key === 'ArrowLeft') move(-1);
    else if (e.key === '+' || e.key === '=') onZoom({ min: at - span / 4, max: at + span / 4 });
    else if (e.key === '-') onZoom(zoom ? { min: zoom.min - span / 2, max: zoom.max + span / 2 } : null);
    else if (e.key === '0' || e.key === 'Escape') onZoom(null);
    else return;
    e.preventDefault();
  };

  const tooltip = hover
    ? lines
        .map((l) => ({ l, p: nearest(l.points, hover.x) }))
        .filter((t) => t.p && t.p.y !== null)
        .sort((a, b) => (b.p!.y as number) - (a.p!.y as number))
    : [];

  return (
    <figure className="relative rounded-md border p-2" data-testid="curve-chart" data-metric={metric}>
      <figcaption className="flex items-baseline justify-between px-1 text-sm">
        <span className="font-mono font-medium">{metric}</span>
        <span className="text-xs text-muted-foreground">
          {lines.length} runs · {lines.some((l) => l.total > l.raw.length) ? 'min/max downsampled, shaded bands show hidden spread' : 'every point'}
          {hidden ? ` · ${hidden} points ≤ 0 not drawn on log scale` : ''}
        </span>
      </figcaption>
      <div
        tabIndex={0}
        role="img"
        aria-label={`${metric} by ${X_LABEL[xAxis].toLowerCase()} for ${lines.length} runs. Arrow keys move the cursor, plus zooms in, minus zooms out, 0 resets.`}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
        className="h-72 rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&_.recharts-cartesian-axis-line]:stroke-border [&_.recharts-cartesian-axis-tick-line]:stroke-border [&_.recharts-cartesian-axis-tick-value]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border [&_.recharts-label]:fill-muted-foreground [&_text]:text-[11px]"
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 8, right: 16, bottom: 22, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              domain={[shown.min, shown.max]}
              allowDataOverflow
              tickFormatter={(v: number) => xTick(xAxis, v)}
              label={{ value: X_LABEL[xAxis], position: 'insideBottom', offset: -14 }}
              tickCount={6}
            />
            <YAxis
              type="number"
              scale={log ? 'log' : 'linear'}
              domain={['auto', 'auto']}
              allowDataOverflow
              tickFormatter={(v: number) => formatValue(v)}
              width={60}
              label={{ value: metric, angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
            />
            {lines.map((l) =>
              l.bands.length ? <Area key={`band-${l.run.id}`} data={l.bands} dataKey="r" stroke="none" fill={l.run.color} fillOpacity={0.16} isAnimationActive={false} activeDot={false} /> : null,
            )}
            {smooth > 0 && lines.length <= 20
              ? lines.map((l) => (
                  <Line key={`raw-${l.run.id}`} data={l.raw} dataKey="y" stroke={l.run.color} strokeOpacity={0.25} dot={false} isAnimationActive={false} strokeWidth={1} activeDot={false} />
                ))
              : null}
            {lines.map((l) => (
              <Line key={l.run.id} data={l.points} dataKey="y" name={l.run.name} stroke={l.run.color} dot={false} isAnimationActive={false} strokeWidth={1.5} activeDot={false} />
            ))}
            <CurveInteraction hoverX={hover?.x ?? null} onHover={(x, px) => setHover(x === null ? null : { x, px: px ?? 0 })} onZoom={(min, max) => onZoom({ min, max })} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {hover && tooltip.length ? (
        <div role="status" className="pointer-events-none absolute right-3 top-8 z-10 max-w-72 rounded-md border bg-popover px-2 py-1.5 text-xs text-popover-foreground shadow-md" data-testid="curve-tooltip">
          <p className="mb-1 font-medium">
            {X_LABEL[xAxis]} {xTick(xAxis, hover.x)}
          </p>
          {tooltip.slice(0, 8).map(({ l, p }) => (
            <p key={l.run.id} className="flex items-center gap-1.5">
              <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: l.run.color }} />
              <span className="truncate">{l.run.name}</span>
              <span className="ml-auto pl-2 font-mono tabular-nums">{formatValue(p!.y)}</span>
            </p>
          ))}
          {tooltip.length > 8 ? <p className="text-muted-foreground">+{tooltip.length - 8} more runs</p> : null}
        </div>
      ) : null}
    </figure>
  );
}
