import { describe, expect, it } from 'vitest';
import { decodeValue, fromChartX, historyUrl, toChartData } from './history';

describe('metric history for charts', () => {
  it('decodes the JSON spellings of NaN and the infinities', () => {
    expect(decodeValue('NaN')).toBeNaN();
    expect(decodeValue('-Infinity')).toBe(-Infinity);
    expect(decodeValue(0.5)).toBe(0.5);
  });

  it('places points and bands on step, wall time or time since the run started', () => {
    const h = { totalPoints: 2, downsampled: true, points: [{ step: 3, timestamp: 1_000_500, value: 1 }], bands: [{ x: 1_000_000, xEnd: 1_001_000, min: 'NaN', max: 2 }] };
    expect(toChartData(h, 'step', 1_000_000).points).toEqual([{ x: 3, y: 1 }]);
    expect(toChartData(h, 'wall', 1_000_000).points).toEqual([{ x: 1_000_500, y: 1 }]);
    const rel = toChartData(h, 'relative', 1_000_000);
    expect(rel.points).toEqual([{ x: 500, y: 1 }]);
    expect(rel.band?.[0]).toMatchObject({ x: 0, xEnd: 1000, max: 2 });
    expect(fromChartX(500, 'relative', 1_000_000)).toBe(1_000_500);
  });

  it('asks for a downsampled range with the key escaped', () => {
    const url = historyUrl({ runId: 'ab', key: 'val/loss', mode: 'relative', range: { min: 1.5, max: 9.2 } });
    expect(url).toBe('/api/v1/runs/ab/metrics/val%2Floss/history?maxPoints=1500&method=minmax&xAxis=timestamp&rangeMin=1&rangeMax=10');
  });
});
