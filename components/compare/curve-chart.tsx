'use client';

import dynamic from 'next/dynamic';
import { useTheme } from 'next-themes';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EChartsOption } from 'echarts';
import { emaSmooth } from '@/lib/compare/ema';
import type { CurveSeriesView } from '@/lib/compare/schemas';
import { chartTheme, formatDuration, formatValue, formatWallTime } from './chart-theme';
import type { XAxisKind } from './compare-url';
import { CurveInteraction } from './curve-interaction';
import { curveOption } from './curve-option';
import { CurveFrame } from './curve-frame';
import { frameWidthCookie } from './frame-width';
import { covers, cursorStops, lineThroughBands, moveToStop, snapToStop, type Band, type Pt } from './curve-points';

/*
 * The canvas and the parts of ECharts it draws with load after the page has hydrated: until the canvas
 * has drawn, the frame the server drew (CurveFrame) stands in its place, so the first chart waits for
 * neither their download nor their evaluation.
 */
const EChartCanvas = dynamic(() => import('./echart-curves').then((m) => m.EChartCanvas), { ssr: false });

export interface CurveRun {
  id: string;
  name: string;
  color: string;
}

interface Line {
  run: CurveRun;
  /** The line drawn: through the middle of each band, smoothed when asked. */
  points: Pt[];
  /** The same line before smoothing. */
  line: Pt[];
  /** The points as logged (the lowest and highest of each downsampled bucket). */
  raw: Pt[];
  /** [x, xEnd, min, max] of the buckets that hide spread. */
  bands: Band[];
  total: number;
}

const y = (v: number | string): number => (typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);
const X_LABEL: Record<XAxisKind, string> = { step: 'Step', time: 'Wall time', relative: 'Time since run start' };
/** The plot area inside the canvas, in pixels; the pointer layer lies exactly over it. */
const GRID = { left: 64, right: 16, top: 12, bottom: 40 };
const HEIGHT = 288;
/**
 * The most points (line points and bands) a chart is drawn with on the server: about 280 KB of markup,
 * 14 bytes a point. Up to it the chart is in the page before any script has run; beyond it the markup
 * would cost more than it saves, and the canvas draws the chart alone.
 */
const SERVER_FRAME_POINTS = 20_000;

export function xTick(x: XAxisKind, v: number): string {
  if (x === 'step') return formatValue(v);
  return x === 'time' ? formatWallTime(v) : formatDuration(v);
}

/** The cursor's x in the tooltip: a step in full (12,345, not 1.235e4), or the point's time. */
function cursorLabel(x: XAxisKind, v: number): string {
  return x === 'step' ? Math.round(v).toLocaleString('en-US') : xTick(x, v);
}

/** Nearest point at or around x, by binary search on the x-sorted points. */
function nearest(points: Pt[], x: number): Pt | null {
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

/** Why a chart has nothing to draw, in words. */
function emptyReason(metric: string, series: CurveSeriesView[], log: boolean, zoomed: boolean): string {
  const values = series.flatMap((s) => s.points.map(([, v]) => y(v)));
  if (values.length === 0) return zoomed ? 'No points in the zoomed range; reset the zoom.' : `None of these runs logged a history for ${metric}.`;
  if (!values.some(Number.isFinite)) return `Every logged value of ${metric} is NaN or infinite.`;
  if (log) return `Every finite value of ${metric} is zero or negative, which a log scale cannot show; turn the log scale off.`;
  return `No value of ${metric} can be drawn.`;
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
  /** Called when the canvas has finished its first frame, or at once when there is nothing to draw. */
  onDrawn?: () => void;
  /** Draw after the next frame, so that the chart above reaches the screen first. */
  afterFirstPaint?: boolean;
}

/**
 * One metric drawn on a canvas: one line per run, min/max bands where a bucket hides variation, a
 * tooltip with run names and values, drag (or + and −) to zoom. The data-drawn attribute gives the number
 * of run lines in the last frame the canvas finished.
 */
export function CurveChart({ metric, series, runs, xAxis, log, smooth, zoom, onZoom, onDrawn, afterFirstPaint }: Props) {
  const dark = useTheme().resolvedTheme === 'dark';
  const t = useMemo(() => chartTheme(dark), [dark]);
  const [hover, setHover] = useState<{ x: number } | null>(null);
  const [drawn, setDrawn] = useState<number | null>(null);
  const lines = useMemo<Line[]>(() => {
    const keep = (v: number) => Number.isFinite(v) && (!log || v > 0);
    return series.flatMap((s) => {
      const run = runs.get(s.runId);
      if (!run || s.points.length === 0) return [];
      const raw = s.points.map(([px, py]) => ({ x: px, y: keep(y(py)) ? y(py) : null }));
      const bands = s.bands.flatMap(([bx, bxEnd, lo, hi]): Band[] => (keep(y(lo)) && keep(y(hi)) ? [[bx, bxEnd, y(lo), y(hi)]] : []));
      const line = lineThroughBands(raw, bands);
      const points = smooth > 0 ? emaSmooth(line.map((p) => p.y), smooth).map((v, i) => ({ x: line[i].x, y: v })) : line;
      return [{ run, points, line, raw, bands, total: s.totalPoints }];
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
    return lo < hi ? { min: lo, max: hi } : lo === hi ? { min: lo - 1, max: hi + 1 } : null;
  }, [lines]);

  const shown = zoom ?? extent;
  const hidden = log ? series.reduce((n, s) => n + s.points.filter(([, v]) => !(y(v) > 0)).length, 0) : 0;

  const option = useMemo<EChartsOption | null>(() => {
    if (!shown || lines.length === 0) return null;
    return curveOption({
      runs: lines.map((l) => ({ color: l.run.color, points: l.points, line: l.line, bands: l.bands })),
      min: shown.min,
      max: shown.max,
      log,
      faintLines: smooth > 0 && lines.length <= 20,
      xName: X_LABEL[xAxis],
      yName: metric,
      xTick: (v) => xTick(xAxis, v),
      theme: t,
      grid: GRID,
    });
  }, [lines, shown?.min, shown?.max, log, smooth, metric, xAxis, t]); // eslint-disable-line react-hooks/exhaustive-deps

  // The canvas reports each finished frame: the lines of the option it was given are on it.
  const lineCount = lines.length;
  const events = useMemo(
    () => ({
      finished: () => {
        setDrawn(lineCount);
        onDrawn?.();
      },
    }),
    [lineCount, onDrawn],
  );
  const drawnPoints = useMemo(() => lines.reduce((n, l) => n + l.points.length + l.bands.length, 0), [lines]);
  // Wall-time ticks are in the viewer's time zone, which the server does not know: the canvas draws those alone.
  const serverFrame = drawnPoints <= SERVER_FRAME_POINTS && xAxis !== 'time';
  const empty = !option || !shown;
  useEffect(() => {
    if (empty) onDrawn?.();
  }, [empty, onDrawn]);
  // Once the canvas has drawn, its width is remembered for the next visit's server-drawn frames (frame-width.ts).
  const plotBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const cookie = drawn !== null && plotBox.current ? frameWidthCookie(plotBox.current.clientWidth) : null;
    if (cookie && !document.cookie.split('; ').includes(cookie.split(';')[0])) document.cookie = cookie;
  }, [drawn]);

  // The cursor stands on logged x values only (a step, or a point's time), never between two.
  const stops = useMemo(() => (shown ? cursorStops(lines.map((l) => l.raw), shown.min, shown.max) : []), [lines, shown?.min, shown?.max]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!option || !shown) {
    return (
      <figure className="flex h-72 flex-col items-center justify-center gap-1 rounded-md border border-dashed px-4 text-center text-sm text-muted-foreground" aria-label={`${metric}: no data`}>
        <p className="font-mono text-foreground">{metric}</p>
        <p>{emptyReason(metric, series, log, !!zoom)}</p>
      </figure>
    );
  }

  const span = shown.max - shown.min;
  const hoverAt = (x: number | null) => {
    const at = x === null ? null : snapToStop(stops, x);
    setHover(at === null ? null : { x: at });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = hover?.x ?? snapToStop(stops, shown.min + span / 2) ?? shown.min + span / 2;
    const move = (dir: number) => {
      const next = moveToStop(stops, at, (dir * span) / 50);
      if (next !== null) setHover({ x: next });
    };
    if (e.key === 'ArrowRight') move(1);
    else if (e.key === 'ArrowLeft') move(-1);
    else if (e.key === 'Home') hoverAt(shown.min);
    else if (e.key === 'End') hoverAt(shown.max);
    else if (e.key === '+' || e.key === '=') onZoom({ min: at - span / 4, max: at + span / 4 });
    else if (e.key === '-') onZoom(zoom ? { min: zoom.min - span / 2, max: zoom.max + span / 2 } : null);
    else if (e.key === '0' || e.key === 'Escape') onZoom(null);
    else return;
    e.preventDefault();
  };

  // Values at the cursor: each run's logged point at that x (or the smoothed line's, when smoothing),
  // for the runs whose history reaches it.
  const tooltip = hover
    ? lines
        .filter((l) => covers(l.raw, hover.x))
        .map((l) => ({ l, p: nearest(smooth > 0 ? l.points : l.raw, hover.x) }))
        .filter((tip): tip is { l: Line; p: { x: number; y: number } } => !!tip.p && tip.p.y !== null)
        .sort((a, b) => b.p.y - a.p.y)
    : [];

  return (
    <figure className="relative rounded-md border p-2" data-testid="curve-chart" data-metric={metric} data-drawn={drawn ?? undefined}>
      <figcaption className="flex items-baseline justify-between px-1 text-sm">
        <span className="font-mono font-medium">{metric}</span>
        <span className="text-xs text-muted-foreground">
          {lines.length} runs · {lines.some((l) => l.total > l.raw.length) ? 'min/max downsampled, shaded bands show hidden spread' : 'every point'}
          {hidden ? ` · ${hidden} points ≤ 0 not drawn on log scale` : ''}
        </span>
      </figcaption>
      <div
        ref={plotBox}
        tabIndex={0}
        role="img"
        aria-label={`${metric} by ${X_LABEL[xAxis].toLowerCase()} for ${lines.length} runs. Arrow keys move the cursor, plus zooms in, minus zooms out, 0 resets.`}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
        className="relative rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        style={{ height: HEIGHT }}
      >
        <EChartCanvas option={option} height={HEIGHT} onEvents={events} afterFirstPaint={afterFirstPaint} />
        {drawn === null && serverFrame ? <CurveFrame option={option} height={HEIGHT} /> : null}
        <CurveInteraction inset={GRID} min={shown.min} max={shown.max} hoverX={hover?.x ?? null} onHover={hoverAt} onZoom={(min, max) => onZoom({ min, max })} />
      </div>
      {hover && tooltip.length ? (
        <div role="status" className="pointer-events-none absolute right-3 top-8 z-10 max-w-72 rounded-md border bg-popover px-2 py-1.5 text-xs text-popover-foreground shadow-md" data-testid="curve-tooltip">
          <p className="mb-1 font-medium">
            {X_LABEL[xAxis]} {cursorLabel(xAxis, hover.x)}
          </p>
          {tooltip.slice(0, 8).map(({ l, p }) => (
            <p key={l.run.id} className="flex items-center gap-1.5">
              <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: l.run.color }} />
              <span className="truncate">{l.run.name}</span>
              <span className="ml-auto pl-2 font-mono tabular-nums">{formatValue(p.y)}</span>
            </p>
          ))}
          {tooltip.length > 8 ? <p className="text-muted-foreground">+{tooltip.length - 8} more runs</p> : null}
        </div>
      ) : null}
    </figure>
  );
}
