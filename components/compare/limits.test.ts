import { describe, expect, it } from 'vitest';
import * as schemas from '@/lib/compare/schemas';
import { MAX_CURVE_KEYS, MAX_CURVE_RUNS } from './limits';

describe('curve limits in the browser', () => {
  it('are the limits the curves schema enforces', () => {
    expect(MAX_CURVE_RUNS).toBe(schemas.MAX_CURVE_RUNS);
    expect(MAX_CURVE_KEYS).toBe(schemas.MAX_CURVE_KEYS);
  });
});
