import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { canonicalStage, modelVersionFilter, refuseOrderBy, registeredModelFilter } from './mlflow-registry-input';

describe('canonicalStage', () => {
  it('accepts any case, as MLflow does', () => {
    expect(canonicalStage('production')).toBe('Production');
    expect(canonicalStage('NONE')).toBe('None');
  });
  it('refuses an unknown stage naming the field', () => {
    expect(() => canonicalStage('Prod')).toThrow(ValidationError);
    expect(() => canonicalStage('Prod')).toThrow(/'stage'/);
  });
});

describe('registeredModelFilter', () => {
  it('reads an exact name and a substring pattern', () => {
    expect(registeredModelFilter("name = 'churn'")).toEqual({ q: 'churn', exact: 'churn' });
    expect(registeredModelFilter("name ILIKE '%chu%'")).toEqual({ q: 'chu' });
    expect(registeredModelFilter("name LIKE '%'")).toEqual({});
    expect(registeredModelFilter("name LIKE 'my_model'")).toEqual({ q: 'my_model' });
    expect(registeredModelFilter(undefined)).toEqual({});
  });
  it('refuses other filters rather than answering wrongly', () => {
    expect(() => registeredModelFilter("tags.team = 'x'")).toThrow(ValidationError);
    expect(() => registeredModelFilter("name LIKE 'a%b'")).toThrow(ValidationError);
  });
});

describe('modelVersionFilter', () => {
  it('reads name, run_id and current_stage joined by AND', () => {
    expect(modelVersionFilter("name='m' AND run_id = 'abc'")).toEqual({ name: 'm', runId: 'abc' });
    expect(modelVersionFilter(`current_stage = "production"`)).toEqual({ stage: 'Production' });
  });
  it('refuses other keys and operators', () => {
    expect(() => modelVersionFilter("source = 's3://x'")).toThrow(ValidationError);
    expect(() => modelVersionFilter("name LIKE 'm%'")).toThrow(ValidationError);
  });
});

describe('refuseOrderBy', () => {
  it('lets the fixed order through and refuses others', () => {
    expect(() => refuseOrderBy(['name ASC'], 'registered models', /^name(?:\s+ASC)?$/i)).not.toThrow();
    expect(() => refuseOrderBy(['last_updated_timestamp DESC'], 'registered models', /^name(?:\s+ASC)?$/i)).toThrow(ValidationError);
    expect(() => refuseOrderBy([], 'model versions')).not.toThrow();
  });
});
