import type { EChartsOption } from 'echarts';
import { createContext, useContext } from 'react';
import { drawCurveFrame, SERVER_FRAME_ATTR } from './curve-server-frame';
import { DEFAULT_FRAME_WIDTH } from './frame-width';

/** The width the frames of a page are drawn at (frame-width.ts): provided by the compare view. */
export const FrameWidth = createContext(DEFAULT_FRAME_WIDTH);

/**
 * A curve chart as the server drew it (SVG in the page), laid over the chart's box until its canvas has
 * drawn: the chart is on the screen as soon as its part of the page arrives, before any script has run.
 *
 * Only the server draws it: `typeof window` is fixed when the scripts are built, so the browser's copy
 * leaves drawCurveFrame and the SVG renderer out, and renders the box empty. React keeps the server's
 * markup as it hydrates (it does not compare inner HTML); the owner removes the box once the canvas has
 * drawn. After a client-side navigation there is no server markup, and the box stays empty until then.
 */
export function CurveFrame({ option, height }: { option: EChartsOption; height: number }) {
  const width = useContext(FrameWidth);
  const frame = typeof window === 'undefined' ? drawCurveFrame(option, width, height) : '';
  return (
    <div
      {...{ [SERVER_FRAME_ATTR]: '' }}
      aria-hidden
      className="pointer-events-none absolute inset-0 [&>svg]:size-full"
      dangerouslySetInnerHTML={{ __html: frame }}
      suppressHydrationWarning
    />
  );
}
