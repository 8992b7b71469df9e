import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { keyValueList, optionalInt, queryToObject, requiredString, stringList, viewType } from './mlflow-request';

describe('queryToObject', () => {
  it('keeps single keys as strings and repeated keys as arrays', () => {
    expect(queryToObject(new URLSearchParams('run_id=a&run_ids=x&run_ids=y&metric_key=loss'))).toEqual({ run_id: 'a', run_ids: ['x', 'y'], metric_key: 'loss' });
  });

  it('reads the bracket spellings older clients send as lists, even with one element', () => {
    expect(queryToObject(new URLSearchParams('experiment_ids%5B%5D=0'))).toEqual({ experiment_ids: ['0'] });
    expect(queryToObject(new URLSearchParams('experiment_ids[0]=1&experiment_ids[1]=2'))).toEqual({ experiment_ids: ['1', '2'] });
  });
});

describe('field readers', () => {
  it('reads int64 fields sent as numbers or as strings of digits', () => {
    expect(optionalInt({ t: 1700000000000 }, 't')).toBe(1700000000000);
    expect(optionalInt({ t: '1700000000000' }, 't')).toBe(1700000000000);
    expect(optionalInt({ t: '-3' }, 't')).toBe(-3);
    expect(optionalInt({}, 't')).toBeUndefined();
    expect(() => optionalInt({ t: '1.5' }, 't')).toThrow(ValidationError);
    expect(() => optionalInt({ t: 'soon' }, 't')).toThrow(/parameter 't'/);
  });

  it('takes run_id, falling back to run_uuid, and names the MLflow field when both are missing', () => {
    expect(requiredString({ run_uuid: 'u' }, 'run_id', 'run_uuid')).toBe('u');
    expect(requiredString({ run_id: 'r', run_uuid: 'u' }, 'run_id', 'run_uuid')).toBe('r');
    expect(() => requiredString({}, 'run_id', 'run_uuid')).toThrow("Missing value for required parameter 'run_id'.");
  });

  it('turns a single query value of a repeated field into a list', () => {
    expect(stringList({ experiment_ids: '3' }, 'experiment_ids')).toEqual(['3']);
    expect(stringList({ experiment_ids: [1, '2'] }, 'experiment_ids')).toEqual(['1', '2']);
    expect(stringList({}, 'experiment_ids')).toEqual([]);
  });

  it('reads key/value lists, defaulting a missing value to the empty string as protobuf does', () => {
    expect(keyValueList({ tags: [{ key: 'a', value: 'b' }, { key: 'c' }] }, 'tags')).toEqual([
      { key: 'a', value: 'b' },
      { key: 'c', value: '' },
    ]);
    expect(() => keyValueList({ tags: [{ value: 'x' }] }, 'tags')).toThrow("'tags[0].key'");
  });

  it('reads ViewType by name or number, active only by default', () => {
    expect(viewType({}, 'view_type')).toBe('active');
    expect(viewType({ view_type: 'DELETED_ONLY' }, 'view_type')).toBe('deleted');
    expect(viewType({ view_type: 3 }, 'view_type')).toBe('all');
    expect(viewType({ view_type: '1' }, 'view_type')).toBe('active');
    expect(() => viewType({ view_type: 'SOME' }, 'view_type')).toThrow(ValidationError);
  });
});
