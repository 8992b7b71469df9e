/**
 * Population Stability Index, as Evidently computes it: PSI = Σ (p_ref - p_cur) · ln(p_ref / p_cur) over
 * shared bins (see binning.ts). Empty bins would make the log infinite, so each share vector has its zeros
 * replaced separately by a small ε before summing (Evidently's rule, kept so users can reproduce its numbers).
 */
import { binSamples, type Binning, type BinsOption } from './binning';
import type { Sample } from './samples';

export interface PsiOptions {
  /** Equal-width bin count or 'sturges' (the default). Ignored when bins are distinct values. */
  bins?: BinsOption;
}

export interface PsiResult {
  /** PSI, in [0, ∞); 0 when both samples fill the bins in the same shares. */
  value: number;
  binning: Binning;
  nBins: number;
  /** The ε that replaced zero shares in each vector, or null when that vector had no zero share. */
  zeroFill: { reference: number | null; current: number | null };
}

/**
 * ε for one share vector, or null if it has no zeros: with m its smallest non-zero share, m / 1e6 when
 * m <= 0.0001, else 0.0001. A category seen once in a huge reference thus still weighs more than an unseen one.
 */
export function zeroFillFor(shares: readonly number[]): number | null {
  if (!shares.includes(0)) return null;
  let m = Infinity;
  for (const p of shares) if (p !== 0 && p < m) m = p;
  return m <= 0.0001 ? m / 1e6 : 0.0001;
}

/** PSI of the current sample against the reference (numeric or categorical, same kind for both). */
export function computePsi(reference: Sample, current: Sample, options: PsiOptions = {}): PsiResult {
  const binned = binSamples(reference, current, options.bins);
  const zeroFill = { reference: zeroFillFor(binned.reference), current: zeroFillFor(binned.current) };
  const ref = fill(binned.reference, zeroFill.reference);
  const cur = fill(binned.current, zeroFill.current);
  let value = 0;
  for (let k = 0; k < ref.length; k++) value += (ref[k] - cur[k]) * Math.log(ref[k] / cur[k]);
  return { value, binning: binned.binning, nBins: binned.nBins, zeroFill };
}

function fill(shares: readonly number[], eps: number | null): readonly number[] {
  return eps === null ? shares : shares.map((p) => (p === 0 ? eps : p));
}
