import { describe, expect, it } from 'vitest';
import { bestIndexes, defaultDirection } from './best';

describe('bestIndexes', () => {
  it('finds the lowest value for min and the highest for max', () => {
    expect(bestIndexes([0.3, 0.1, 0.2], 'min')).toEqual([1]);
    expect(bestIndexes([0.3, 0.1, 0.2], 'max')).toEqual([0]);
  });

  it('marks every run on a tie', () => {
    expect(bestIndexes([0.5, 0.9, 0.9], 'max')).toEqual([1, 2]);
  });

  it('skips missing values and never lets NaN or Infinity win', () => {
    expect(bestIndexes([null, NaN, -Infinity, 0.4, Infinity], 'min')).toEqual([3]);
    expect(bestIndexes([null, NaN, Infinity, 0.4], 'max')).toEqual([3]);
  });

  it('returns nothing when no value is finite', () => {
    expect(bestIndexes([null, NaN], 'min')).toEqual([]);
    expect(bestIndexes([], 'max')).toEqual([]);
  });
});

describe('defaultDirection', () => {
  it('guesses lower-is-better for losses and errors, higher-is-better otherwise', () => {
    expect(defaultDirection('val_loss')).toBe('min');
    expect(defaultDirection('train/RMSE')).toBe('min');
    expect(defaultDirection('error_rate')).toBe('min');
    expect(defaultDirection('accuracy')).toBe('max');
    expect(defaultDirection('auc')).toBe('max');
    expect(defaultDirection('f1')).toBe('max');
  });
});
