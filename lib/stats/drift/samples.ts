/**
 * Input checks shared by the drift statistics. A drift statistic compares a reference sample with a
 * current one; both must be non-empty, numeric samples must be finite (missing values are dropped by the
 * caller, as Evidently does before testing), and categorical samples are strings.
 */

export type NumericSample = readonly number[];
export type CategoricalSample = readonly string[];
export type Sample = NumericSample | CategoricalSample;
export type SampleKind = 'numeric' | 'categorical';

/** Throws a RangeError naming `name` when the sample is empty, or a TypeError when a value is not a finite number. */
export function assertNumericSample(name: string, sample: readonly unknown[]): asserts sample is NumericSample {
  if (!Array.isArray(sample)) throw new TypeError(`${name} must be an array of finite numbers`);
  if (sample.length === 0) throw new RangeError(`${name} must not be empty`);
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`${name}[${i}] must be a finite number, got ${String(v)}`);
    }
  }
}

/** Throws a RangeError naming `name` when the sample is empty, or a TypeError when a value is not a string. */
export function assertCategoricalSample(name: string, sample: readonly unknown[]): asserts sample is CategoricalSample {
  if (!Array.isArray(sample)) throw new TypeError(`${name} must be an array of strings`);
  if (sample.length === 0) throw new RangeError(`${name} must not be empty`);
  for (let i = 0; i < sample.length; i++) {
    if (typeof sample[i] !== 'string') throw new TypeError(`${name}[${i}] must be a string, got ${typeof sample[i]}`);
  }
}

/**
 * The kind of a reference/current pair, read from the reference's first value, after checking both samples
 * as that kind (so a string among numbers, or a number among strings, is a TypeError naming the sample).
 */
export function checkSamplePair(reference: Sample, current: Sample): SampleKind {
  if (!Array.isArray(reference) || reference.length === 0) throw new RangeError('reference must not be empty');
  if (typeof reference[0] === 'string') {
    assertCategoricalSample('reference', reference);
    assertCategoricalSample('current', current);
    return 'categorical';
  }
  assertNumericSample('reference', reference);
  assertNumericSample('current', current);
  return 'numeric';
}

/** Occurrences of each distinct value, in first-seen order. */
export function countValues<T extends number | string>(sample: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of sample) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
