/*
 * The width the server draws a curve chart's first frame at (curve-frame.tsx). The server cannot measure
 * the page, so the browser remembers the width its charts last had in a cookie, and the next visit's
 * frames are drawn at that width, matching the canvas that replaces them in any layout; the first visit
 * uses the chart's width in the two-column layout of a common desktop window, scaled to fit.
 */

export const FRAME_WIDTH_COOKIE = 'mk-curve-width';
export const DEFAULT_FRAME_WIDTH = 560;
const MIN_WIDTH = 240;
const MAX_WIDTH = 2400;

/** The frame width a cookie value asks for: a whole number of pixels in range, else the default. */
export function frameWidthFrom(value: string | undefined): number {
  if (!value || !/^\d{1,4}$/.test(value)) return DEFAULT_FRAME_WIDTH;
  const width = Number(value);
  return width >= MIN_WIDTH && width <= MAX_WIDTH ? width : DEFAULT_FRAME_WIDTH;
}

/** The cookie that remembers a chart width, for the next visit's frames; null when the width is out of range. */
export function frameWidthCookie(width: number): string | null {
  const px = Math.round(width);
  if (!(px >= MIN_WIDTH && px <= MAX_WIDTH)) return null;
  return `${FRAME_WIDTH_COOKIE}=${px}; path=/compare; max-age=31536000; samesite=lax`;
}
