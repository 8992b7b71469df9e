'use client';

import { useState } from 'react';

interface Props {
  /** Where the plot area lies inside the chart, in pixels from each edge. */
  inset: { left: number; right: number; top: number; bottom: number };
  /** The x axis range drawn (linear). */
  min: number;
  max: number;
  hoverX: number | null;
  onHover: (x: number | null) => void;
  onZoom: (min: number, max: number) => void;
}

/**
 * A layer over a chart's plot area that turns the pointer into x values: hover reports the x under the
 * pointer, a drag reports the x range to zoom into. It draws the hover cursor and the drag selection.
 */
export function CurveInteraction({ inset, min, max, hoverX, onHover, onZoom }: Props) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const span = max - min;
  const fraction = (e: React.MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return box.width > 0 ? Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)) : 0;
  };
  const xAt = (f: number) => min + f * span;
  const finish = () => {
    if (drag && Math.abs(drag.to - drag.from) > 0.01) {
      const [a, b] = [xAt(Math.min(drag.from, drag.to)), xAt(Math.max(drag.from, drag.to))];
      if (b > a) onZoom(a, b);
    }
    setDrag(null);
  };
  const hoverF = hoverX === null || !(span > 0) ? null : (hoverX - min) / span;
  return (
    <div
      data-testid="curve-plot"
      className="absolute cursor-crosshair select-none"
      style={{ left: inset.left, right: inset.right, top: inset.top, bottom: inset.bottom }}
      onMouseDown={(e) => {
        const f = fraction(e);
        setDrag({ from: f, to: f });
      }}
      onMouseMove={(e) => {
        const f = fraction(e);
        if (drag) setDrag({ ...drag, to: f });
        onHover(xAt(f));
      }}
      onMouseUp={finish}
      onMouseLeave={() => {
        finish();
        onHover(null);
      }}
    >
      {hoverF !== null && hoverF >= 0 && hoverF <= 1 ? (
        <div aria-hidden className="pointer-events-none absolute inset-y-0 border-l border-dashed border-muted-foreground" style={{ left: `${hoverF * 100}%` }} />
      ) : null}
      {drag ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 border border-primary/40 bg-primary/15"
          style={{ left: `${Math.min(drag.from, drag.to) * 100}%`, width: `${Math.abs(drag.to - drag.from) * 100}%` }}
        />
      ) : null}
    </div>
  );
}
