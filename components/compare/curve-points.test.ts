import { describe, expect, it } from 'vitest';
import { covers, cursorStops, lineThroughBands, moveToStop, snapToStop, type Pt } from './curve-points';

const pts = (xs: number[], y = 1): Pt[] => xs.map((x) => ({ x, y }));

describe('cursorStops', () => {
  it('merges the logged x of every line, ascending and distinct, inside the range, skipping points without a value', () => {
    const a = pts([0, 10, 20, 30]);
    const b = [...pts([5, 10]), { x: 15, y: null }, ...pts([40])];
    expect(cursorStops([a, b], 0, 30)).toEqual([0, 5, 10, 20, 30]);
    expect(cursorStops([], 0, 10)).toEqual([]);
  });
});

describe('snapToStop', () => {
  const stops = [0, 10, 20, 35];
  it('lands on the nearest logged step, never between two', () => {
    expect(snapToStop(stops, 29.75)).toBe(35);
    expect(snapToStop(stops, 26)).toBe(20);
    expect(snapToStop(stops, 15)).toBe(10);
    expect(snapToStop(stops, -4)).toBe(0);
    expect(snapToStop(stops, 99)).toBe(35);
    expect(snapToStop([], 3)).toBeNull();
  });
});

describe('moveToStop', () => {
  const stops = [0, 1, 2, 50, 51, 100];
  it('moves by about the step asked, onto a logged x', () => {
    expect(moveToStop(stops, 2, 45)).toBe(50);
    expect(moveToStop(stops, 100, -45)).toBe(51);
  });
  it('moves at least one stop when the step asked is shorter than the gap', () => {
    expect(moveToStop(stops, 2, 5)).toBe(50);
    expect(moveToStop(stops, 50, -5)).toBe(2);
  });
  it('stays on the first or last stop at the ends', () => {
    expect(moveToStop(stops, 100, 5)).toBe(100);
    expect(moveToStop(stops, 0, -5)).toBe(0);
  });
  it('lands on a stop from a cursor that is not on one', () => {
    expect(moveToStop(stops, 25, 1)).toBe(50);
    expect(moveToStop(stops, 25, -1)).toBe(2);
  });
});

describe('lineThroughBands', () => {
  it('draws the middle of each band at the middle of its bucket instead of the extremes, and keeps other points', () => {
    const points: Pt[] = [
      { x: 0, y: 5 },
      { x: 1, y: 4 },
      { x: 12, y: 1 },
      { x: 17, y: 3 },
      { x: 20, y: 2 },
      { x: 26, y: 0 },
      { x: 28, y: 4 },
      { x: 31, y: 2 },
    ];
    expect(
      lineThroughBands(points, [
        [10, 19, 1, 3],
        [25, 29, 0, 4],
      ]),
    ).toEqual([
      { x: 0, y: 5 },
      { x: 1, y: 4 },
      { x: 14.5, y: 2 },
      { x: 20, y: 2 },
      { x: 27, y: 2 },
      { x: 31, y: 2 },
    ]);
  });
  it('leaves a line without bands as it is, and keeps gaps (no value) inside a bucket', () => {
    const points: Pt[] = [{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 3 }];
    expect(lineThroughBands(points, [])).toEqual(points);
    expect(lineThroughBands(points, [[0, 2, 1, 3]])).toEqual(points);
  });
});

describe('covers', () => {
  it('tells whether a line has points on both sides of x', () => {
    expect(covers(pts([10, 20]), 15)).toBe(true);
    expect(covers(pts([10, 20]), 25)).toBe(false);
    expect(covers([], 0)).toBe(false);
  });
});
