import { describe, expect, it } from 'vitest';
import { compareQuery, parseBrushes, parseCompareState, runIdFilter, type CompareState } from './compare-url';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('compare URL state', () => {
  it('round-trips every part of the view through the query string', () => {
    const state: CompareState = {
      runs: [A, B],
      experiments: [],
      filter: '',
      metrics: ['val_loss', 'train/acc'],
      dir: { val_loss: 'min', 'train/acc': 'max' },
      x: 'relative',
      log: true,
      smooth: 0.6,
      zoom: { min: 100, max: 2500.5 },
      diffOnly: true,
      axes: ['p:lr', 'p:optimizer', 'm:val_loss'],
      color: 'm:val_loss',
      brush: { 'p:lr': { kind: 'range', min: 0.001, max: 0.01 }, 'p:optimizer': { kind: 'values', values: ['adam', 'a;b|c=d'] } },
      sx: 'p:lr',
      sy: 'm:val_loss',
      slx: true,
      sly: false,
    };
    const q = compareQuery(state);
    expect(parseCompareState(new URLSearchParams(q))).toEqual(state);
    expect(parseCompareState(Object.fromEntries(new URLSearchParams(q)))).toEqual(state);
  });

  it('leaves defaults out, and reads an empty query as the defaults', () => {
    const s = parseCompareState({});
    expect(s).toMatchObject({ runs: [], metrics: null, axes: null, x: 'step', log: false, smooth: 0, zoom: null, brush: {} });
    expect(compareQuery(s)).toBe('');
    expect(compareQuery({ ...s, runs: [A] })).toBe(`runs=${A}`);
  });

  it('keeps "no metrics chosen" apart from "not chosen yet"', () => {
    expect(parseCompareState({ m: '' }).metrics).toEqual([]);
    expect(parseCompareState({}).metrics).toBeNull();
  });

  it('drops what a hand-edited link gets wrong instead of failing', () => {
    const s = parseCompareState({ runs: `${A},nope,${A.toUpperCase()}`, exp: '3,x', x: 'epoch', smooth: '7', zoom: '5~1', pcc: 'q:lr', dir: 'loss:best,acc:max' });
    expect(s.runs).toEqual([A]);
    expect(s.experiments).toEqual(['3']);
    expect(s).toMatchObject({ x: 'step', smooth: 0.99, zoom: null, color: null, dir: { acc: 'max' } });
  });

  it('parses brushes, skipping malformed ones', () => {
    expect(parseBrushes('p:lr~1~2;m:acc~3~x;p:opt=a%7Cb|c;bad~1~2;p:z~5~1;p:bad=%E0')).toEqual({
      'p:lr': { kind: 'range', min: 1, max: 2 },
      'p:opt': { kind: 'values', values: ['a|b', 'c'] },
    });
  });
});

describe('runIdFilter', () => {
  it('builds a run_id IN filter the runs table understands', () => {
    expect(runIdFilter([A, B])).toBe(`attributes.run_id IN ('${A}', '${B}')`);
  });
});
