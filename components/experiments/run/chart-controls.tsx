'use client';

import type { XMode } from '@/components/charts/series';
import { Label } from '@/components/ui/input';
import { cn } from '@/lib/utils';

const X_OPTIONS: { value: XMode; label: string }[] = [
  { value: 'step', label: 'Step' },
  { value: 'wall', label: 'Wall time' },
  { value: 'relative', label: 'Relative time' },
];

interface Props {
  x: XMode;
  log: boolean;
  smooth: number;
  onX: (x: XMode) => void;
  onLog: (log: boolean) => void;
  onSmooth: (smooth: number) => void;
  pendingX?: boolean;
}

/** Settings every chart on the page shares; they live in the URL. */
export function ChartControls({ x, log, smooth, onX, onLog, onSmooth, pendingX }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-md border bg-card px-3 py-2 text-xs">
      <div role="radiogroup" aria-label="X axis" className="flex items-center gap-1">
        <span className="mr-1 text-muted-foreground">X axis</span>
        {X_OPTIONS.map((o) => (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={x === o.value}
            onClick={() => onX(o.value)}
            className={cn(
              'rounded-md border px-2 py-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
              x === o.value ? 'border-primary bg-primary/10 font-medium text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {o.label}
          </button>
        ))}
        {pendingX ? <span className="ml-1 text-muted-foreground" role="status">Loading…</span> : null}
      </div>
      <label className="flex cursor-pointer items-center gap-2">
        <input type="checkbox" role="switch" checked={log} onChange={(e) => onLog(e.target.checked)} className="size-3.5 accent-[var(--primary)]" />
        Log scale (y)
      </label>
      <div className="flex items-center gap-2">
        <Label htmlFor="chart-smoothing" className="text-xs font-normal">
          Smoothing
        </Label>
        <input
          id="chart-smoothing"
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smooth}
          onChange={(e) => onSmooth(Number(e.target.value))}
          aria-valuetext={smooth > 0 ? `EMA weight ${smooth.toFixed(2)}` : 'off'}
          className="w-32 accent-[var(--primary)]"
        />
        <output htmlFor="chart-smoothing" className="w-8 tabular-nums text-muted-foreground">
          {smooth > 0 ? smooth.toFixed(2) : 'off'}
        </output>
      </div>
    </div>
  );
}
