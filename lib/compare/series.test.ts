import { describe, expect, it } from 'vitest';
import { bandHidesVariation, clipSeries, reduceSeries, round7, type XY } from './series';

const line = (n: number, f: (i: number) => number): XY[] => Array.from({ length: n }, (_, i) => ({ x: i, y: f(i) }));

describe('bandHidesVariation', () => {
  it('is true only when a bucket has more finite points than the two drawn and a real spread', () => {
    expect(bandHidesVariation({ min: 0, max: 1, count: 3, nanCount: 0 })).toBe(true);
    expect(bandHidesVariation({ min: 0, max: 1, count: 2, nanCount: 0 })).toBe(false);
    expect(bandHidesVariation({ min: 0, max: 1, count: 4, nanCount: 2 })).toBe(false);
    expect(bandHidesVariation({ min: 1, max: 1, count: 9, nanCount: 0 })).toBe(false);
    expect(bandHidesVariation({ min: NaN, max: NaN, count: 9, nanCount: 9 })).toBe(false);
  });
});

describe('clipSeries', () => {
  it('keeps points inside the range and bands that overlap it', () => {
    const out = clipSeries(line(10, (i) => i), [{ x: 0, xEnd: 2, min: 0, max: 2 }, { x: 2, xEnd: 4, min: 2, max: 4 }, { x: 8, xEnd: 9, min: 8, max: 9 }], 3, 5);
    expect(out.points.map((p) => p.x)).toEqual([3, 4, 5]);
    expect(out.bands.map((b) => b.x)).toEqual([2]);
  });
});

describe('reduceSeries', () => {
  it('leaves a short series alone', () => {
    const points = line(5, (i) => i);
    expect(reduceSeries(points, [], 10).points).toEqual(points);
  });

  it('returns at most maxPoints and keeps a one-step spike', () => {
    const points = line(5000, (i) => (i === 2345 ? 100 : Math.sin(i / 50)));
    const out = reduceSeries(points, [], 500);
    expect(out.points.length).toBeLessThanOrEqual(500);
    expect(out.points.some((p) => p.y === 100)).toBe(true);
    expect(out.bands.length).toBeGreaterThan(0);
    expect(Math.max(...out.bands.map((b) => b.max))).toBe(100);
  });

  it('widens new bands with the spread older bands recorded inside them', () => {
    const points = line(1000, () => 0);
    const out = reduceSeries(points, [{ x: 500, xEnd: 501, min: -7, max: 9 }], 100);
    expect(out.bands.some((b) => b.min === -7 && b.max === 9)).toBe(true);
  });
});

describe('round7', () => {
  it('keeps 7 significant digits as toPrecision(7) does, to within one unit of the 7th digit', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let same = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const v = (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
      const want = Number(v.toPrecision(7));
      const got = round7(v);
      if (got === want) same++;
      expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 1.01e-6);
      // No more digits than 7 (so no more bytes in JSON than toPrecision gives).
      expect(Number(got.toPrecision(7))).toBe(got);
    }
    expect(same / n).toBeGreaterThan(0.999);
  });

  it('rounds exact cases and leaves zero and non-finite values alone', () => {
    expect(round7(0.123456789)).toBe(0.1234568);
    expect(round7(-1234.56789)).toBe(-1234.568);
    expect(round7(123456789)).toBe(123456800);
    expect(round7(1e-30 * 1.23456789)).toBe(1.234568e-30);
    expect(round7(0)).toBe(0);
    expect(round7(NaN)).toBeNaN();
    expect(round7(-Infinity)).toBe(-Infinity);
  });
});
