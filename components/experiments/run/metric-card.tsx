'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RotateCcw, ZoomIn } from 'lucide-react';
import { useState } from 'react';
import { MetricChart } from '@/components/charts/metric-chart';
import { seriesColor } from '@/components/charts/palette';
import type { XMode } from '@/components/charts/series';
import { Button } from '@/components/ui/button';
import { fromChartX, historyUrl, toChartData, type MetricHistoryData } from './history';

interface Props {
  runId: string;
  metricKey: string;
  /** Downsampled whole history, rendered by the server for the page's x axis. */
  initial: MetricHistoryData;
  xMode: XMode;
  startTime: number;
  log: boolean;
  smooth: number;
}

async function fetchHistory(url: string): Promise<MetricHistoryData> {
  const res = await fetch(url, { credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as (MetricHistoryData & { error?: { message?: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
  return body;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * One metric's chart. Dragging across it (or "Zoom in") asks the server for that range again at full
 * chart resolution, so detail folded away in the whole-run view comes back; "Reset" returns to it.
 */
export function MetricCard({ runId, metricKey, initial, xMode, startTime, log, smooth }: Props) {
  const [zoom, setZoom] = useState<{ min: number; max: number } | null>(null);
  const range = zoom ? { min: fromChartX(zoom.min, xMode, startTime), max: fromChartX(zoom.max, xMode, startTime) } : undefined;
  const detail = useQuery({
    queryKey: ['metric-history', runId, metricKey, xMode === 'step' ? 'step' : 'timestamp', range?.min, range?.max],
    queryFn: () => fetchHistory(historyUrl({ runId, key: metricKey, mode: xMode, range })),
    enabled: zoom !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const history = zoom && detail.data ? detail.data : initial;
  const { points, band } = toChartData(history, xMode, startTime);
  const full = toChartData(initial, xMode, startTime).points;
  const extent: [number, number] | null = full.length > 1 ? [full[0].x, full[full.length - 1].x] : null;

  const zoomIn = () => {
    const [lo, hi] = zoom ? [zoom.min, zoom.max] : (extent ?? [0, 0]);
    const quarter = (hi - lo) / 4;
    if (quarter > 0) setZoom({ min: lo + quarter, max: hi - quarter });
  };

  return (
    <article id={`chart-${metricKey}`} aria-labelledby={`chart-title-${metricKey}`} className="flex scroll-mt-4 flex-col gap-2 rounded-md border bg-card p-3" data-testid="metric-chart">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h3 id={`chart-title-${metricKey}`} className="truncate font-mono text-sm font-medium">
            {metricKey}
          </h3>
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {history.downsampled ? `${count(history.points.length)} of ${count(history.totalPoints)} points drawn, min–max per bucket` : `${count(history.totalPoints)} ${history.totalPoints === 1 ? 'point' : 'points'}`}
            {zoom ? ' in the zoomed range' : ''}
            {detail.isFetching ? ' · loading detail…' : ''}
          </p>
        </div>
        <div className="flex items-center gap-1">
          <Button variant="ghost" size="sm" onClick={zoomIn} disabled={!extent} aria-label={`Zoom in on ${metricKey}`} title="Zoom into the middle half; or drag across the chart">
            <ZoomIn aria-hidden />
          </Button>
          {zoom ? (
            <Button variant="outline" size="sm" onClick={() => setZoom(null)} aria-label={`Reset zoom of ${metricKey}`}>
              <RotateCcw aria-hidden />
              Reset zoom
            </Button>
          ) : null}
        </div>
      </header>
      {detail.isError ? (
        <p role="alert" className="text-xs text-destructive">
          Could not load the zoomed range: {detail.error.message}
        </p>
      ) : null}
      {initial.totalPoints === 0 ? (
        <p className="flex h-60 items-center justify-center rounded-md border border-dashed text-xs text-muted-foreground">No history stored for this key; only its latest value is known.</p>
      ) : (
        <MetricChart
          series={[{ id: 'v', label: metricKey, color: seriesColor(0), points, band }]}
          xMode={xMode}
          label={`${metricKey} by ${xMode === 'step' ? 'step' : 'time'}`}
          yLabel={metricKey}
          logScale={log}
          smoothing={smooth}
          onZoom={setZoom}
          xDomain={zoom ? [zoom.min, zoom.max] : undefined}
        />
      )}
    </article>
  );
}
