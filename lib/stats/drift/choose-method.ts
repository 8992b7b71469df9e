/**
 * Which drift method Evidently applies to a column by default, its default threshold, and the verdict.
 * Per DESIGN.md: small references (<= 1000 rows) get a test with a p-value (KS for numeric columns;
 * for categorical ones and numeric columns with at most 5 distinct values, chi-square, or Evidently's
 * two-proportion z-test when there are at most 2 values), larger ones a distance (normed Wasserstein for
 * numeric, Jensen-Shannon for categorical and few-valued numeric).
 */
import { computeChiSquare } from './chi-square';
import { computeJensenShannon } from './jensen-shannon';
import { computeKs } from './ks';
import { computePsi } from './psi';
import { checkSamplePair, type NumericSample, type Sample, type SampleKind } from './samples';
import { computeWassersteinNorm } from './wasserstein';
import { computeZTest } from './z-test';

export type DriftMethod = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

/** Evidently's default thresholds: p-values for the tests, distances for the rest. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

/** Reference sizes up to this get a statistical test; larger ones a distance. */
export const SMALL_REFERENCE_ROWS = 1000;

/** Numeric columns with at most this many distinct values (reference ∪ current) are treated like categories. */
export const FEW_VALUES = 5;

/**
 * Methods a person may choose for each column kind (Evidently: KS and Wasserstein numeric only, chi-square
 * categorical only). The default for a few-valued numeric column may still be chi-square, as in Evidently.
 */
export const METHODS_FOR_KIND: Readonly<Record<SampleKind, readonly DriftMethod[]>> = {
  numeric: ['ks', 'wasserstein', 'jensenshannon', 'psi', 'z'],
  categorical: ['chisquare', 'z', 'jensenshannon', 'psi'],
};

/** Evidently's default method for a column of this kind, reference size and number of distinct values. */
export function chooseDefaultMethod(kind: SampleKind, referenceRows: number, distinctValues: number): DriftMethod {
  const fewValued = kind === 'categorical' || distinctValues <= FEW_VALUES;
  if (referenceRows <= SMALL_REFERENCE_ROWS) return fewValued ? (distinctValues > 2 ? 'chisquare' : 'z') : 'ks';
  return fewValued ? 'jensenshannon' : 'wasserstein';
}

/** Whether a score means drift: p-value tests drift below (KS: at) the threshold, distances at or above it. */
export function isDrifted(method: DriftMethod, score: number, threshold: number = DEFAULT_THRESHOLDS[method]): boolean {
  if (Number.isNaN(score)) return false;
  switch (method) {
    case 'ks':
      return score <= threshold;
    case 'chisquare':
    case 'z':
      return score < threshold;
    default:
      return score >= threshold;
  }
}

export interface DriftOptions {
  /** Overrides the default method; it must accept the column's kind. */
  method?: DriftMethod;
  /** Overrides the method's default threshold. */
  threshold?: number;
}

export interface DriftVerdict {
  method: DriftMethod;
  threshold: number;
  /** The p-value for 'ks', 'chisquare' and 'z', the distance otherwise. */
  score: number;
  drifted: boolean;
}

/** Runs the chosen (or default) method on one column and states whether it drifted. */
export function detectDrift(reference: Sample, current: Sample, options: DriftOptions = {}): DriftVerdict {
  const kind = checkSamplePair(reference, current);
  const distinct = new Set<number | string>([...reference, ...current]).size;
  if (options.method !== undefined && !METHODS_FOR_KIND[kind].includes(options.method)) {
    throw new RangeError(`method '${options.method}' does not apply to ${kind} columns`);
  }
  const method = options.method ?? chooseDefaultMethod(kind, reference.length, distinct);
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS[method];
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${threshold}`);
  const score = scoreWith(method, reference, current);
  return { method, threshold, score, drifted: isDrifted(method, score, threshold) };
}

function scoreWith(method: DriftMethod, reference: Sample, current: Sample): number {
  switch (method) {
    case 'ks':
      return computeKs(reference as NumericSample, current as NumericSample).pValue;
    case 'wasserstein':
      return computeWassersteinNorm(reference as NumericSample, current as NumericSample).value;
    case 'chisquare':
      // Numeric values are counted as categories of their own, as Evidently does for few-valued columns.
      return computeChiSquare(reference.map(String), current.map(String)).pValue;
    case 'z':
      return computeZTest(reference, current).pValue;
    case 'jensenshannon':
      return computeJensenShannon(reference, current).value;
    case 'psi':
      return computePsi(reference, current).value;
  }
}
