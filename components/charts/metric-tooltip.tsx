'use client';

import type { TooltipContentProps } from 'recharts';
import { formatX, formatY, X_LABEL, type ChartSeries, type MergedRow, type XMode } from './series';

interface Props extends Partial<TooltipContentProps<number, string>> {
  series: ChartSeries[];
  xMode: XMode;
  span: number;
  smoothing: boolean;
}

/** The hovered x and, per series, its value, smoothed value and the min–max its bucket folded. */
export function MetricTooltip({ active, payload, series, xMode, span, smoothing }: Props) {
  const row = payload?.[0]?.payload as MergedRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border bg-popover px-2.5 py-1.5 text-xs text-popover-foreground shadow-md">
      <p className="mb-1 text-muted-foreground">
        {X_LABEL[xMode].replace(/ \(.*\)$/, '')} <span className="font-medium text-foreground tabular-nums">{formatX(row.x, xMode, span)}</span>
      </p>
      <ul className="flex flex-col gap-0.5">
        {series.map((s) => {
          const raw = row[s.id];
          const smooth = row[`${s.id}~`];
          const band = row[`${s.id}#`];
          if (typeof raw !== 'number' && !Array.isArray(band)) return null;
          return (
            <li key={s.id} className="flex items-center gap-1.5 tabular-nums">
              <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: s.color }} />
              {series.length > 1 ? <span className="text-muted-foreground">{s.label}</span> : null}
              {typeof raw === 'number' ? <span className="font-medium">{formatY(raw)}</span> : null}
              {smoothing && typeof smooth === 'number' ? <span className="text-muted-foreground">smoothed {formatY(smooth)}</span> : null}
              {Array.isArray(band) && band[0] !== band[1] ? (
                <span className="text-muted-foreground">
                  range {formatY(band[0])} … {formatY(band[1])}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
