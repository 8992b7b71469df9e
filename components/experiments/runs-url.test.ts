import { describe, expect, it } from 'vitest';
import { nextOrder, parseRunsView, runsQuery, sortDirection, sortKeyOf, withSearch } from './runs-url';

describe('runs table URL state', () => {
  it('round-trips every part of the view through the query string', () => {
    const query = runsQuery({
      filter: "metrics.acc > 0.9 and params.lr = '0.01'",
      order: 'metrics.`val loss` ASC',
      columns: [
        { kind: 'm', key: 'val loss' },
        { kind: 'p', key: 'lr' },
        { kind: 't', key: 'mlflow.source.name' },
      ],
      agg: { 'val loss': 'min', acc: 'max' },
      pages: ['eyJrIjpbMV19', 'eyJrIjpbMl19'],
      expanded: ['0123456789abcdef0123456789abcdef'],
      flat: true,
    });
    const back = parseRunsView(Object.fromEntries(new URLSearchParams(query)));
    expect(back).toEqual({
      filter: "metrics.acc > 0.9 and params.lr = '0.01'",
      order: 'metrics.`val loss` ASC',
      columns: [
        { kind: 'm', key: 'val loss' },
        { kind: 'p', key: 'lr' },
        { kind: 't', key: 'mlflow.source.name' },
      ],
      agg: { 'val loss': 'min', acc: 'max' },
      pages: ['eyJrIjpbMV19', 'eyJrIjpbMl19'],
      expanded: ['0123456789abcdef0123456789abcdef'],
      flat: true,
    });
  });

  it('leaves defaults out and drops hand-edited junk (bad tokens, run ids, aggregations)', () => {
    expect(runsQuery(parseRunsView({}))).toBe('');
    const state = parseRunsView({ pages: 'ok.bad token.', open: 'nope,0123456789abcdef0123456789abcdef', agg: 'acc:avg,loss:last,x:min', cols: 'm:acc,zz,p:lr' });
    expect(state.pages).toEqual(['ok']);
    expect(state.expanded).toEqual(['0123456789abcdef0123456789abcdef']);
    expect(state.agg).toEqual({ x: 'min' });
    expect(state.columns).toEqual([
      { kind: 'm', key: 'acc' },
      { kind: 'p', key: 'lr' },
    ]);
  });

  it('keeps an explicitly empty column list apart from "no choice made"', () => {
    expect(parseRunsView({ cols: '' }).columns).toEqual([]);
    expect(parseRunsView({}).columns).toBeNull();
  });

  it('starts at the first page when the search changes', () => {
    const state = { ...parseRunsView({ pages: 'a.b' }) };
    expect(withSearch(state, { filter: 'metrics.a > 1' }).pages).toEqual([]);
  });
});

describe('header sorting', () => {
  it('writes order_by entries with backticks where the key needs them', () => {
    expect(sortKeyOf({ kind: 'm', key: 'val_loss' })).toBe('metrics.val_loss');
    expect(sortKeyOf({ kind: 'p', key: 'batch size' })).toBe('params.`batch size`');
    expect(sortKeyOf({ attribute: 'start_time' })).toBe('attributes.start_time');
  });

  it('reads the direction back, with start_time DESC as the default order', () => {
    expect(sortDirection(null, 'attributes.start_time')).toBe('desc');
    expect(sortDirection('metrics.acc', 'metrics.acc')).toBe('asc');
    expect(sortDirection('metrics.acc DESC', 'metrics.acc')).toBe('desc');
    expect(sortDirection('metrics.acc DESC', 'metrics.accuracy')).toBeNull();
  });

  it('flips on the second click and starts where asked on the first', () => {
    expect(nextOrder(null, 'metrics.acc', true)).toBe('metrics.acc DESC');
    expect(nextOrder('metrics.acc DESC', 'metrics.acc', true)).toBe('metrics.acc ASC');
    expect(nextOrder('metrics.acc ASC', 'metrics.acc', true)).toBe('metrics.acc DESC');
    expect(nextOrder(null, 'attributes.run_name', false)).toBe('attributes.run_name ASC');
    expect(nextOrder(null, 'attributes.start_time', false)).toBe('attributes.start_time ASC');
  });
});
