import { describe, expect, it } from 'vitest';
import { categoriesOf, isNumericColumn, valuesDiffer } from './diff';

describe('valuesDiffer', () => {
  it('is false when every run has the same value, and for one run or none', () => {
    expect(valuesDiffer(['0.1', '0.1', '0.1'])).toBe(false);
    expect(valuesDiffer(['adam'])).toBe(false);
    expect(valuesDiffer([])).toBe(false);
    expect(valuesDiffer([null, null])).toBe(false);
  });

  it('is true when two runs disagree, comparing the logged strings as written', () => {
    expect(valuesDiffer(['0.1', '0.1', '0.2'])).toBe(true);
    expect(valuesDiffer(['0.1', '0.10'])).toBe(true);
  });

  it('counts a run without the key as different from runs that have it', () => {
    expect(valuesDiffer(['adam', null])).toBe(true);
    expect(valuesDiffer([null, 'adam'])).toBe(true);
  });
});

describe('isNumericColumn', () => {
  it('accepts integers, decimals and exponents, ignoring missing values', () => {
    expect(isNumericColumn(['1', '0.5', '-3e-4', null, '.5', '+2'])).toBe(true);
  });

  it('refuses words, empty strings, NaN spellings and columns with no value', () => {
    expect(isNumericColumn(['1', 'adam'])).toBe(false);
    expect(isNumericColumn([''])).toBe(false);
    expect(isNumericColumn(['nan'])).toBe(false);
    expect(isNumericColumn(['Infinity'])).toBe(false);
    expect(isNumericColumn([null, null])).toBe(false);
  });
});

describe('categoriesOf', () => {
  it('keeps distinct present values in first-seen order', () => {
    expect(categoriesOf(['sgd', null, 'adam', 'sgd'])).toEqual(['sgd', 'adam']);
  });
});
