/**
 * Series colours picked for mid lightness, so each reads on the light and the dark background, and
 * ordered so neighbours differ in hue as well as in lightness.
 */
export const SERIES_COLORS = [
  'oklch(0.6 0.15 255)',
  'oklch(0.68 0.16 50)',
  'oklch(0.62 0.14 150)',
  'oklch(0.6 0.2 330)',
  'oklch(0.7 0.13 200)',
  'oklch(0.62 0.19 25)',
  'oklch(0.6 0.12 290)',
  'oklch(0.72 0.15 95)',
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}
