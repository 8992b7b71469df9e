import { describe, expect, it } from 'vitest';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { availableAxes, axisData, brushedRuns, defaultAxes } from './axes';

const data: GetComparisonOutput = {
  runs: [],
  params: [
    { key: 'lr', differs: true, numeric: true, values: ['0.1', '0.01', null] },
    { key: 'opt', differs: true, numeric: false, values: ['adam', 'sgd', 'adam'] },
    { key: 'seed', differs: false, numeric: true, values: ['1', '1', '1'] },
  ],
  metrics: [{ key: 'loss', differs: true, last: [0.5, 'NaN', 0.2], min: [0.5, 0.1, 0.2], max: [1, 1, 1], step: [1, 1, 1] }],
  truncated: false,
  missingRunIds: [],
};

describe('axisData', () => {
  it('reads numeric params as numbers, other params as categories, and metrics without NaN', () => {
    expect(axisData(data, 'p:lr')).toMatchObject({ numeric: true, values: [0.1, 0.01, null], label: 'params.lr' });
    expect(axisData(data, 'p:opt')).toMatchObject({ numeric: false, values: ['adam', 'sgd', 'adam'], categories: ['adam', 'sgd'] });
    expect(axisData(data, 'm:loss')).toMatchObject({ numeric: true, values: [0.5, null, 0.2], kind: 'metric' });
    expect(axisData(data, 'p:nope')).toBeNull();
  });
});

describe('axes offered and chosen by default', () => {
  it('lists differing params, then metrics, then identical params', () => {
    expect(availableAxes(data).map((a) => a.id)).toEqual(['p:lr', 'p:opt', 'm:loss', 'p:seed']);
  });

  it('defaults to the differing params and the colour metric', () => {
    expect(defaultAxes(data, null)).toEqual(['p:lr', 'p:opt', 'm:loss']);
  });
});

describe('brushedRuns', () => {
  const axes = ['p:lr', 'p:opt', 'm:loss'].map((id) => axisData(data, id)!);

  it('keeps every run when nothing is brushed', () => {
    expect(brushedRuns(axes, {}, 3)).toEqual([true, true, true]);
  });

  it('keeps runs inside every brush: ranges inclusive, categories by value, missing values out', () => {
    expect(brushedRuns(axes, { 'p:lr': { kind: 'range', min: 0.01, max: 0.1 } }, 3)).toEqual([true, true, false]);
    expect(brushedRuns(axes, { 'p:opt': { kind: 'values', values: ['adam'] }, 'm:loss': { kind: 'range', min: 0, max: 0.3 } }, 3)).toEqual([false, false, true]);
  });

  it('ignores a brush on an axis that is not shown', () => {
    expect(brushedRuns(axes, { 'p:gone': { kind: 'range', min: 0, max: 1 } }, 3)).toEqual([true, true, true]);
  });
});
