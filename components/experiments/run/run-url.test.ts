import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_PAGE, parseRunPageState, runPageHref, runPageQuery } from './run-url';

describe('run page URL state', () => {
  it('falls back to the defaults for missing or unknown values', () => {
    expect(parseRunPageState({})).toEqual(DEFAULT_RUN_PAGE);
    expect(parseRunPageState({ tab: 'nope', x: 'days', log: 'yes', smooth: 'abc' })).toEqual(DEFAULT_RUN_PAGE);
  });

  it('reads the tab, x axis, log scale and a clamped smoothing weight', () => {
    expect(parseRunPageState({ tab: 'charts', x: 'relative', log: '1', smooth: '2' })).toEqual({ tab: 'charts', x: 'relative', log: true, smooth: 0.99 });
    expect(parseRunPageState({ smooth: '0.456' }).smooth).toBe(0.46);
  });

  it('writes only what differs from the defaults and reads back the same state', () => {
    expect(runPageQuery(DEFAULT_RUN_PAGE)).toBe('');
    const state = { tab: 'charts' as const, x: 'wall' as const, log: true, smooth: 0.6 };
    expect(parseRunPageState(Object.fromEntries(new URLSearchParams(runPageQuery(state))))).toEqual(state);
    expect(runPageHref('3', 'ab', DEFAULT_RUN_PAGE)).toBe('/experiments/3/runs/ab');
  });
});
