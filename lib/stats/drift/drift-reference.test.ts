/**
 * Every case of the drift reference (test/fixtures/drift-cases.json, values computed with scipy 1.10.1 and Evidently) through
 * every statistic that applies to its kind, comparing every expected field within the file's tolerance:
 * |actual - expected| <= 1e-9 · max(1, |expected|), exact equality for strings, integers and nulls.
 */
import { describe, expect, it } from 'vitest';
import { driftReference } from '@/test/drift-reference';
import { computeChiSquare } from './chi-square';
import { computeJensenShannon } from './jensen-shannon';
import { computeKs } from './ks';
import { computePsi } from './psi';
import type { CategoricalSample, NumericSample } from './samples';
import { computeWassersteinNorm } from './wasserstein';

const file = driftReference();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface DriftCase {
  name: string;
  kind: 'numeric' | 'categorical';
  reference: unknown;
  current: unknown;
  expected: Record<string, Record<string, Json>>;
}

/** The samples of a case: every case of the fixture carries them inline. */
function samplesOf(c: DriftCase): { reference: unknown[]; current: unknown[] } {
  if (Array.isArray(c.reference) && Array.isArray(c.current)) return { reference: c.reference, current: c.current };
  throw new Error(`case ${c.name}: its samples are not inline (a generator spec); copy its values file beside the fixture and read it here`);
}

/** The file writes non-finite numbers as strings. */
function decode(v: Json): Json {
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  return v;
}

/** Asserts one expected field; `label` names it in the failure message. */
function expectField(label: string, actual: unknown, expectedRaw: Json): void {
  const expected = decode(expectedRaw);
  if (typeof expected === 'number' && !Number.isInteger(expectedRaw) && Number.isFinite(expected)) {
    expect(typeof actual, label).toBe('number');
    const diff = Math.abs((actual as number) - expected);
    expect(diff, `${label}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) expectField(`${label}.${k}`, (actual as Record<string, unknown>)[k], v);
  } else {
    expect(actual, label).toEqual(expected);
  }
}

/** Our result in the file's vocabulary (snake_case names, 'e' for the natural log), per expected block. */
function actualFor(block: string, c: DriftCase, reference: unknown[], current: unknown[]): Record<string, unknown> {
  const num = [reference as NumericSample, current as NumericSample] as const;
  const any = [reference as NumericSample | CategoricalSample, current as NumericSample | CategoricalSample] as const;
  switch (block) {
    case 'ks': {
      const r = computeKs(...num);
      return { statistic: r.statistic, p_value: r.pValue, method: r.method };
    }
    case 'wasserstein_norm': {
      const r = computeWassersteinNorm(...num);
      return { value: r.value, raw_distance: r.rawDistance, norm: r.norm };
    }
    case 'chi_square': {
      const r = computeChiSquare(reference as CategoricalSample, current as CategoricalSample);
      return { statistic: r.statistic, p_value: r.pValue, df: r.df };
    }
    case 'psi':
    case 'psi_evidently': {
      const bins = block === 'psi' ? (c.expected.psi.bins as number) : 'sturges';
      const r = computePsi(...any, { bins });
      return { value: r.value, bins, binning: r.binning, n_bins_used: r.nBins, zero_fill: r.zeroFill };
    }
    case 'jensen_shannon':
    case 'jensen_shannon_evidently': {
      const bins = block === 'jensen_shannon' ? (c.expected.jensen_shannon.bins as number) : 'sturges';
      const r = computeJensenShannon(...any, { bins });
      return { value: r.value, bins, binning: r.binning, n_bins_used: r.nBins, log_base: r.logBase };
    }
    default:
      throw new Error(`no statistic for expected block '${block}' in case ${c.name}`);
  }
}

const APPLICABLE: Record<DriftCase['kind'], string[]> = {
  numeric: ['ks', 'psi', 'jensen_shannon', 'wasserstein_norm', 'psi_evidently', 'jensen_shannon_evidently'],
  categorical: ['psi', 'jensen_shannon', 'chi_square', 'psi_evidently', 'jensen_shannon_evidently'],
};

const cases = file.cases as DriftCase[];

describe('drift statistics against drift_cases.json', () => {
  it('has the cases this test was written for, with a tolerance of 1e-9 relative', () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
    expect(file.conventions.tolerance).toContain('1e-9 * max(1, |expected|)');
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { reference, current } = samplesOf(c);

    it('expects exactly the statistics that apply to its kind', () => {
      expect(Object.keys(c.expected).sort()).toEqual([...APPLICABLE[c.kind]].sort());
    });

    it.each(APPLICABLE[c.kind])('matches every field of %s', (block) => {
      const expected = c.expected[block];
      // Evidently-variant blocks do not restate 'bins'; the primary ones do, and both are compared field by field.
      const actual = actualFor(block, c, reference, current);
      for (const [field, value] of Object.entries(expected)) expectField(`${c.name}.${block}.${field}`, actual[field], value);
    });
  });
});
