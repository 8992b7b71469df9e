import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/*
 * Reference values for the statistics in lib/stats: drift statistics per case (computed with scipy 1.10.1
 * and Evidently) and latency percentiles (numpy, Prometheus' histogram_quantile). The file's own
 * "conventions" define every value; test/fixtures/drift-cases.json is an unmodified copy kept with the
 * tests, so they run wherever the repository is checked out.
 */

export interface PercentileTriple {
  p50: number;
  p95: number;
  p99: number;
}

interface PercentileExpected {
  exact: PercentileTriple;
  histogram: PercentileTriple;
}

export interface PercentileCase {
  name: string;
  values: number[];
  bucket_upper_bounds: number[];
  bucket_counts: number[];
  expected: PercentileExpected;
  windows?: { slice: [number, number]; bucket_counts: number[]; expected: PercentileExpected }[];
}

export interface DriftReference {
  conventions: Record<string, string>;
  cases: { name: string; kind: 'numeric' | 'categorical'; reference: unknown; current: unknown; expected: Record<string, unknown> }[];
  percentiles: { bucket_upper_bounds: number[]; quantiles: number[]; cases: PercentileCase[] };
}

let cached: DriftReference | null = null;

export function driftReference(): DriftReference {
  cached ??= JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/drift-cases.json', import.meta.url)), 'utf8')) as DriftReference;
  return cached;
}

/** Asserts |actual − expected| ≤ 1e-9 · max(1, |expected|), the reference file's tolerance (and that there is a value). */
export function expectWithinReferenceTolerance(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}
