import { describe, expect, it } from 'vitest';
import { formatDuration, formatValue, runColor } from './chart-theme';

describe('chart formats', () => {
  it('formats values with four significant digits and exponents at the extremes', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(12345.6)).toBe('12350');
    expect(formatValue(0.00001234)).toBe('1.23e-5');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('−∞');
  });

  it('formats durations in seconds, minutes and hours', () => {
    expect(formatDuration(12_500)).toBe('12.5s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });

  it('cycles run colours', () => {
    expect(runColor(0)).toBe(runColor(20));
    expect(runColor(0)).not.toBe(runColor(1));
  });
});
