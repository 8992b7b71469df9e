/**
 * Binning for PSI and Jensen-Shannon, as Evidently's get_binned_data does it: one bin per distinct value for
 * categorical features and for numeric features whose reference has at most 20 distinct values; otherwise
 * equal-width bins over reference ∪ current, counted like numpy.histogram (each bin half-open on the right,
 * the last one closed). Shares are counts divided by the size of their own sample.
 */
import { checkSamplePair, countValues, type NumericSample, type Sample } from './samples';

/** A fixed number of equal-width bins, or numpy's Sturges rule over the combined sample (what Evidently ships). */
export type BinsOption = number | 'sturges';

export type Binning = 'distinct_values' | 'equal_width_combined' | 'equal_width_combined_sturges';

export interface BinnedShares {
  /** Share of the reference in each bin; sums to 1 up to rounding. */
  reference: number[];
  /** Share of the current sample in the same bins. */
  current: number[];
  binning: Binning;
  /** Number of bins actually used. */
  nBins: number;
}

/** Numeric features with more distinct reference values than this are histogrammed (Evidently's rule). */
export const MAX_DISTINCT_FOR_VALUE_BINS = 20;

/**
 * Bins when the caller names none: Sturges over reference ∪ current, the project's stated convention
 * (DESIGN.md) and what Evidently ships. A fixed count, such as the reference file's primary B = 10, is a choice.
 */
export const DEFAULT_BINS: BinsOption = 'sturges';

/** Splits both samples into the same bins and returns each sample's share per bin. */
export function binSamples(reference: Sample, current: Sample, bins: BinsOption = DEFAULT_BINS): BinnedShares {
  checkBinsOption(bins);
  const kind = checkSamplePair(reference, current);
  if (kind === 'categorical' || new Set<number | string>(reference).size <= MAX_DISTINCT_FOR_VALUE_BINS) {
    return binByDistinctValue(reference, current);
  }
  return binByEqualWidth(reference as NumericSample, current as NumericSample, bins);
}

function checkBinsOption(bins: BinsOption): void {
  if (bins === 'sturges') return;
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`bins must be a positive integer or 'sturges', got ${String(bins)}`);
  }
}

function binByDistinctValue(reference: Sample, current: Sample): BinnedShares {
  const refCounts = countValues<number | string>(reference);
  const curCounts = countValues<number | string>(current);
  const keys = new Set<number | string>([...curCounts.keys(), ...refCounts.keys()]);
  const ref: number[] = [];
  const cur: number[] = [];
  for (const k of keys) {
    ref.push((refCounts.get(k) ?? 0) / reference.length);
    cur.push((curCounts.get(k) ?? 0) / current.length);
  }
  return { reference: ref, current: cur, binning: 'distinct_values', nBins: keys.size };
}

function binByEqualWidth(reference: NumericSample, current: NumericSample, bins: BinsOption): BinnedShares {
  const { lo, hi } = extent(reference, current);
  const n = bins === 'sturges' ? sturgesBinCount(reference.length + current.length, lo, hi) : bins;
  const edges = equalWidthEdges(lo, hi, n);
  return {
    reference: histogramCounts(reference, edges).map((c) => c / reference.length),
    current: histogramCounts(current, edges).map((c) => c / current.length),
    binning: bins === 'sturges' ? 'equal_width_combined_sturges' : 'equal_width_combined',
    nBins: n,
  };
}

function extent(a: NumericSample, b: NumericSample): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [a, b]) {
    for (const v of s) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { lo, hi };
}

/**
 * numpy's 'sturges' bin count for N values spanning [lo, hi]: width = (hi - lo) / (log2(N) + 1), then
 * ceil((hi - lo) / width) in that order, which can exceed ceil(log2(N) + 1) by one through rounding.
 * A zero span gives one bin, as numpy does.
 */
export function sturgesBinCount(total: number, lo: number, hi: number): number {
  const span = hi - lo;
  const width = span / (Math.log2(total) + 1);
  return width ? Math.ceil(span / width) : 1;
}

/** numpy.linspace(lo, hi, n + 1): edges[i] = i * step + lo, and the last edge is hi exactly. */
export function equalWidthEdges(lo: number, hi: number, n: number): number[] {
  const step = (hi - lo) / n;
  const edges: number[] = [];
  for (let i = 0; i < n; i++) edges.push(i * step + lo);
  edges.push(hi);
  return edges;
}

/**
 * numpy.histogram counts over ascending edges: bin i holds edges[i] <= x < edges[i+1], the last bin also
 * holds x == edges[n]; values outside [edges[0], edges[n]] are not counted.
 */
export function histogramCounts(sample: NumericSample, edges: readonly number[]): number[] {
  const n = edges.length - 1;
  const counts = new Array<number>(n).fill(0);
  for (const x of sample) {
    if (x < edges[0] || x > edges[n]) continue;
    // Number of edges <= x, by binary search; the bin is one less, and x == edges[n] falls in the last bin.
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    counts[Math.min(lo - 1, n - 1)]++;
  }
  return counts;
}
