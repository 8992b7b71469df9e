/*
 * The curve request's limits, as the browser needs them. The same numbers are enforced by the
 * schemas in lib/compare/schemas.ts; they are repeated here because importing that module in the
 * browser would bring zod and every tracking schema into the compare page's scripts. limits.test.ts
 * keeps the two equal.
 */

/** Runs drawn per chart. */
export const MAX_CURVE_RUNS = 100;
/** Metrics drawn at once. */
export const MAX_CURVE_KEYS = 10;
