import { describe, expect, it } from 'vitest';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { parseCompareState } from './compare-url';
import { chartRunIndices, curvesRequest, defaultMetrics, initialCurvesRequest, requestKey } from './curves-request';

const run = (id: string) => ({ id, name: `run-${id}`, experimentId: '1', experimentName: 'e', status: 'FINISHED' as const, startTime: 0, endTime: null, deleted: false });
const data: GetComparisonOutput = {
  runs: ['a', 'b', 'c'].map((c) => run(c.repeat(32))),
  params: [{ key: 'lr', differs: true, numeric: true, values: ['0.1', '0.01', '0.001'] }],
  metrics: [
    { key: 'accuracy', differs: true, last: [0.5, 0.6, 0.7], min: [0, 0, 0], max: [1, 1, 1], step: [1, 1, 1] },
    { key: 'epoch', differs: false, last: [1, 1, 1], min: [1, 1, 1], max: [1, 1, 1], step: [1, 1, 1] },
    { key: 'val_loss', differs: true, last: [0.5, 0.4, 0.3], min: [0, 0, 0], max: [1, 1, 1], step: [1, 1, 1] },
  ],
  truncated: false,
  missingRunIds: [],
};

describe('the first curves request', () => {
  it('draws losses first, two metrics at most, for every run when nothing is brushed', () => {
    expect(defaultMetrics(data)).toEqual(['val_loss', 'accuracy']);
    const r = initialCurvesRequest(data, parseCompareState({ runs: data.runs.map((x) => x.id).join(',') }));
    expect(r).toEqual({ runIds: data.runs.map((x) => x.id), keys: ['val_loss', 'accuracy'], xAxis: 'step', maxPoints: 1000 });
  });

  it('follows the address: chosen metrics, x axis, zoom and the brush on the parallel axes', () => {
    const state = parseCompareState({ runs: data.runs.map((x) => x.id).join(','), m: 'epoch', x: 'relative', zoom: '10~20', brush: 'p:lr~0.005~1' });
    const r = initialCurvesRequest(data, state);
    expect(r).toEqual({ runIds: [data.runs[0].id, data.runs[1].id], keys: ['epoch'], xAxis: 'relative', maxPoints: 1000, range: { min: 10, max: 20 } });
    // The client names the same request from the same state, so it does not fetch it again.
    expect(requestKey(curvesRequest(r!.runIds, ['epoch'], { x: 'relative', zoom: { min: 10, max: 20 } }))).toBe(requestKey(r));
    expect(requestKey(curvesRequest(r!.runIds, ['epoch'], { x: 'step', zoom: { min: 10, max: 20 } }))).not.toBe(requestKey(r));
  });

  it('asks for nothing without metrics or runs, and caps the runs drawn', () => {
    expect(initialCurvesRequest(data, parseCompareState({ m: '' }))).toBeNull();
    expect(curvesRequest([], ['loss'], { x: 'step', zoom: null })).toBeNull();
    expect(requestKey(null)).toBe('');
    expect(chartRunIndices(Array.from({ length: 250 }, (_, i) => i % 2 === 0))).toHaveLength(100);
    expect(chartRunIndices([false, true, true])).toEqual([1, 2]);
  });
});
