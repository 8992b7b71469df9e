import { describe, expect, it } from 'vitest';
import { binSamples, equalWidthEdges, histogramCounts, sturgesBinCount } from './binning';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('binSamples', () => {
  it('uses one bin per category of reference ∪ current, shares over each sample size', () => {
    const b = binSamples(['a', 'a', 'b', 'c'], ['a', 'd']);
    expect(b.binning).toBe('distinct_values');
    expect(b.nBins).toBe(4);
    const byKey = (shares: number[]) => Object.fromEntries(['a', 'd', 'b', 'c'].map((k, i) => [k, shares[i]]));
    expect(byKey(b.reference)).toEqual({ a: 0.5, d: 0, b: 0.25, c: 0.25 });
    expect(byKey(b.current)).toEqual({ a: 0.5, d: 0.5, b: 0, c: 0 });
  });

  it('uses distinct-value bins for a numeric reference with at most 20 distinct values, whatever bins says', () => {
    const reference = range(200, (i) => i % 20);
    const b = binSamples(reference, [0, 25, 25, 30], 'sturges');
    expect(b.binning).toBe('distinct_values');
    expect(b.nBins).toBe(22);
  });

  it('histograms a numeric reference with 21 distinct values into equal-width bins over the combined range', () => {
    const reference = range(21, (i) => i);
    const b = binSamples(reference, [40], 4);
    expect(b.binning).toBe('equal_width_combined');
    expect(b.nBins).toBe(4);
    // Edges 0, 10, 20, 30, 40: 0…9, 10…19, 20 in the reference; 40 falls in the closed last bin.
    expect(b.reference).toEqual([10 / 21, 10 / 21, 1 / 21, 0]);
    expect(b.current).toEqual([0, 0, 0, 1]);
  });

  it('uses the Sturges rule by default, labelled as such, with numpy\'s bin count', () => {
    const reference = range(1000, (i) => i / 1000);
    const b = binSamples(reference, reference);
    expect(b.binning).toBe('equal_width_combined_sturges');
    expect(b.nBins).toBe(Math.ceil(Math.log2(2000) + 1));
  });

  it('rejects a bin count that is not a positive integer, naming bins', () => {
    expect(() => binSamples([1, 2], [1], 0)).toThrow(/bins must be a positive integer/);
    expect(() => binSamples([1, 2], [1], 2.5)).toThrow(RangeError);
  });

  it('rejects empty samples and non-finite numbers, naming the sample', () => {
    expect(() => binSamples([], [1])).toThrow(/reference must not be empty/);
    expect(() => binSamples([1], [])).toThrow(/current must not be empty/);
    expect(() => binSamples([1, NaN], [1])).toThrow(/reference\[1\] must be a finite number/);
    expect(() => binSamples([1], [Infinity])).toThrow(TypeError);
    expect(() => binSamples(['a'], [1] as unknown as string[])).toThrow(/current\[0\] must be a string/);
  });
});

describe('sturgesBinCount', () => {
  it('is ceil(span / width) with width = span / (log2 N + 1), one above ceil(log2 N + 1) where rounding says so', () => {
    // numpy.histogram_bin_edges(1023 zeros and 0.37944, bins='sturges') has 12 bins, not 11.
    expect(sturgesBinCount(1024, 0, 0.37944)).toBe(12);
    expect(sturgesBinCount(1000, 0, 1)).toBe(11);
    expect(sturgesBinCount(10, 3, 3)).toBe(1);
  });
});

describe('equalWidthEdges and histogramCounts', () => {
  it('places edges like numpy.linspace and counts like numpy.histogram (last bin closed)', () => {
    const edges = equalWidthEdges(0, 1, 4);
    expect(edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(histogramCounts([0, 0.25, 0.5, 0.7499, 0.75, 1, 1.5, -1], edges)).toEqual([1, 1, 2, 2]);
  });
});
