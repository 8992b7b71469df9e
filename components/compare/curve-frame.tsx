import type { EChartsOption } from 'echarts';
import { drawCurveFrame, SERVER_FRAME_ATTR } from './curve-server-frame';

/**
 * The width the server draws a frame at: the chart's width in the two-column layout of a common desktop
 * window. The server cannot know the real width; the frame is scaled to the box.
 */
const FRAME_WIDTH = 560;

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
  const frame = typeof window === 'undefined' ? drawCurveFrame(option, FRAME_WIDTH, height) : '';
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
