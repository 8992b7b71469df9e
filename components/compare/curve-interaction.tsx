'use client';

import { useState } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale } from 'recharts';

/**
 * A layer inside a Recharts chart that turns the pointer into x values: hover reports the x under the
 * pointer, a drag reports the x range to zoom into. Drawn over the plot area only.
 */
export function CurveInteraction({ hoverX, onHover, onZoom }: { hoverX: number | null; onHover: (x: number | null, px?: number) => void; onZoom: (min: number, max: number) => void }) {
  const area = usePlotArea();
  const inverse = useXAxisInverseScale();
  const scale = useXAxisScale();
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  if (!area || !inverse || !scale) return null;
  const pixel = (e: React.MouseEvent<SVGRectElement>) => area.x + Math.min(area.width, Math.max(0, e.clientX - e.currentTarget.getBoundingClientRect().left));
  const xAt = (px: number) => Number(inverse(px));
  const finish = () => {
    if (drag && Math.abs(drag.to - drag.from) > 4) {
      const [a, b] = [xAt(Math.min(drag.from, drag.to)), xAt(Math.max(drag.from, drag.to))];
      if (b > a) onZoom(a, b);
    }
    setDrag(null);
  };
  const hoverPx = hoverX === null ? null : Number(scale(hoverX));
  return (
    <g>
      {hoverPx !== null && Number.isFinite(hoverPx) && hoverPx >= area.x && hoverPx <= area.x + area.width ? (
        <line x1={hoverPx} x2={hoverPx} y1={area.y} y2={area.y + area.height} className="stroke-muted-foreground" strokeDasharray="3 3" pointerEvents="none" />
      ) : null}
      {drag ? (
        <rect x={Math.min(drag.from, drag.to)} width={Math.abs(drag.to - drag.from)} y={area.y} height={area.height} className="fill-primary/15 stroke-primary/40" pointerEvents="none" />
      ) : null}
      <rect
        data-testid="curve-plot"
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        style={{ cursor: 'crosshair' }}
        onMouseDown={(e) => {
          const px = pixel(e);
          setDrag({ from: px, to: px });
        }}
        onMouseMove={(e) => {
          const px = pixel(e);
          if (drag) setDrag({ ...drag, to: px });
          onHover(xAt(px), px);
        }}
        onMouseUp={finish}
        onMouseLeave={() => {
          finish();
          onHover(null);
        }}
      />
    </g>
  );
}
