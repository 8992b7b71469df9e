/*
 * Which rows of a comparison differ, and what kind of axis a column makes. Pure.
 * A run without the key counts as its own value (null), so "set on some runs only" is a difference,
 * as in MLflow's "diff only" view.
 */

/** True when at least two runs disagree on the value (a missing value disagrees with any present one). */
export function valuesDiffer(values: readonly (string | null)[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return true;
  return false;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A param column is numeric when every present value reads as a finite number (and one is present). */
export function isNumericColumn(values: readonly (string | null)[]): boolean {
  let seen = false;
  for (const v of values) {
    if (v === null) continue;
    if (!NUMBER.test(v.trim())) return false;
    seen = true;
  }
  return seen;
}

/** Distinct present values in first-seen order, for a categorical axis. */
export function categoriesOf(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
