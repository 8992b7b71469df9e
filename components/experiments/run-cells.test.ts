import { describe, expect, it } from 'vitest';
import { formatDuration, formatMetric, metricValue } from './run-cells';

describe('runs table cells', () => {
  it.each([
    [0.123456, '0.1235'],
    [0.95, '0.9500'],
    [42, '42'],
    [12.5, '12.5000'],
    [2345.678, '2345.7'],
    [0.00001234, '1.234e-5'],
    [1.5e12, '1.500e+12'],
    ['NaN', 'NaN'],
    ['Infinity', '∞'],
    ['-Infinity', '−∞'],
    [null, ''],
  ] as const)('shows metric value %s as %s', (value, text) => {
    expect(formatMetric(value)).toBe(text);
  });

  it.each([
    [450, '450 ms'],
    [1500, '1.5 s'],
    [42_000, '42 s'],
    [123_000, '2 min 03 s'],
    [4 * 3600_000 + 5 * 60_000, '4 h 05 min'],
    [3 * 24 * 3600_000 + 2 * 3600_000, '3 d 2 h'],
  ])('shows a duration of %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('picks the last, min or max value of a metric', () => {
    const m = { value: 0.4, step: 2, timestamp: 0, min: 0.3, max: 0.5 };
    expect([metricValue(m, 'last'), metricValue(m, 'min'), metricValue(m, 'max'), metricValue(undefined, 'min')]).toEqual([0.4, 0.3, 0.5, null]);
  });
});
