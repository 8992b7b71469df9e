/**
 * Jensen-Shannon distance between the binned reference and current shares (scipy's jensenshannon): the
 * square root of the JS divergence, natural log by default, so it lies in [0, √ln 2 ≈ 0.8326]; with
 * base 2 it lies in [0, 1]. Unlike PSI, empty bins need no fill: 0 · ln 0 counts as 0.
 */
import { binSamples, type Binning, type BinsOption } from './binning';
import type { Sample } from './samples';

export type LogBase = 'e' | 2;

export interface JensenShannonOptions {
  /** Equal-width bin count or 'sturges' (the default). Ignored when bins are distinct values. */
  bins?: BinsOption;
  /** Logarithm base; default 'e' (the natural log, as Evidently and scipy's default). */
  base?: LogBase;
}

export interface JensenShannonResult {
  /** The distance, in [0, √ln 2] for base e and [0, 1] for base 2. */
  value: number;
  binning: Binning;
  nBins: number;
  logBase: LogBase;
}

/** Jensen-Shannon distance of two probability vectors of the same length (each normalised to sum 1 first). */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base: LogBase = 'e'): number {
  if (p.length !== q.length) throw new RangeError('p and q must have the same length');
  const ps = sum(p);
  const qs = sum(q);
  let left = 0;
  let right = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = p[k] / ps;
    const qk = q[k] / qs;
    const m = (pk + qk) / 2;
    left += relativeEntropy(pk, m);
    right += relativeEntropy(qk, m);
  }
  let js = left + right;
  if (base === 2) js /= Math.LN2;
  // The divergence is non-negative; rounding can leave a tiny negative when p == q.
  return Math.sqrt(Math.max(js / 2, 0));
}

/** Jensen-Shannon distance of the current sample from the reference over shared bins (see binning.ts). */
export function computeJensenShannon(
  reference: Sample,
  current: Sample,
  options: JensenShannonOptions = {},
): JensenShannonResult {
  const base = options.base ?? 'e';
  if (base !== 'e' && base !== 2) throw new RangeError(`base must be 'e' or 2, got ${String(base)}`);
  const binned = binSamples(reference, current, options.bins);
  const value = jensenShannonDistance(binned.reference, binned.current, base);
  return { value, binning: binned.binning, nBins: binned.nBins, logBase: base };
}

function relativeEntropy(x: number, y: number): number {
  return x > 0 ? x * Math.log(x / y) : 0;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
