import { describe, expect, it } from 'vitest';
import { emaSmooth, formatElapsed, formatWall, formatY, mergeSeries, orderedRange } from './series';

describe('emaSmooth', () => {
  it('returns the values unchanged at weight 0', () => {
    expect(emaSmooth([1, 5, 3], 0)).toEqual([1, 5, 3]);
  });

  it('is debiased, so the first smoothed value equals the first value', () => {
    const out = emaSmooth([10, 10, 10, 0], 0.9);
    expect(out[0]).toBeCloseTo(10);
    expect(out[2]).toBeCloseTo(10);
    expect(out[3]).toBeLessThan(10);
    expect(out[3]).toBeGreaterThan(5);
  });

  it('passes NaN and infinities through without poisoning the average', () => {
    const out = emaSmooth([1, NaN, Infinity, 1], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(Infinity);
    expect(out[3]).toBeCloseTo(1);
  });
});

describe('mergeSeries', () => {
  it('puts series sharing an x on one row and leaves gaps where a series has no point', () => {
    const { rows } = mergeSeries(
      [
        { id: 'a', label: 'a', color: 'red', points: [{ x: 0, y: 1 }, { x: 2, y: 3 }] },
        { id: 'b', label: 'b', color: 'blue', points: [{ x: 1, y: 5 }, { x: 2, y: 6 }] },
      ],
      { log: false, smoothing: 0 },
    );
    expect(rows).toEqual([{ x: 0, a: 1 }, { x: 1, b: 5 }, { x: 2, a: 3, b: 6 }]);
  });

  it('counts values a log scale cannot draw and leaves them out', () => {
    const { rows, notes } = mergeSeries([{ id: 'a', label: 'a', color: 'red', points: [{ x: 0, y: 0 }, { x: 1, y: NaN }, { x: 2, y: 4 }] }], { log: true, smoothing: 0 });
    expect(rows.map((r) => r.a)).toEqual([null, null, 4]);
    expect(notes.hidden).toEqual({ nonFinite: 1, nonPositive: 1 });
  });

  it('adds smoothed values and band ranges at both ends of each bucket', () => {
    const { rows } = mergeSeries([{ id: 'a', label: 'a', color: 'red', points: [{ x: 0, y: 2 }, { x: 10, y: 4 }], band: [{ x: 0, xEnd: 10, min: 1, max: 9 }] }], { log: false, smoothing: 0.5 });
    expect(rows[0]).toMatchObject({ x: 0, a: 2, 'a~': 2, 'a#': [1, 9] });
    expect(rows[1]).toMatchObject({ x: 10, a: 4, 'a#': [1, 9] });
  });
});

describe('formatting', () => {
  it('formats elapsed time as seconds, min:s or h:min:s', () => {
    expect(formatElapsed(45_000)).toBe('45 s');
    expect(formatElapsed(725_000)).toBe('12:05');
    expect(formatElapsed(11_525_000)).toBe('3:12:05');
  });

  it('formats wall time in UTC, with the date past a day', () => {
    const t = Date.UTC(2025, 2, 4, 5, 6, 7);
    expect(formatWall(t, 60_000)).toBe('05:06:07');
    expect(formatWall(t, 3 * 24 * 3600_000)).toBe('03-04 05:06');
  });

  it('formats values with 5 significant digits and words for non-finite ones', () => {
    expect(formatY(0.123456789)).toBe('0.12346');
    expect(formatY(1e-7)).toBe('1.00e-7');
    expect(formatY(-Infinity)).toBe('−∞');
    expect(formatY(NaN)).toBe('NaN');
  });

  it('orders a dragged range and ignores a click', () => {
    expect(orderedRange(8, 2)).toEqual({ min: 2, max: 8 });
    expect(orderedRange(3, 3)).toBeNull();
  });
});
