import { describe, expect, it } from 'vitest';
import { historyEntry, pythonJsonDumps } from './log-model-history';

describe('pythonJsonDumps', () => {
  it('writes what Python’s json.dumps writes with its defaults', () => {
    // Reference: python3 -c 'import json; print(json.dumps([{"a": 1, "b": [True, None, 0.5], "c": "é\\n\\"x\\""}]))'
    expect(pythonJsonDumps([{ a: 1, b: [true, null, 0.5], c: 'é\n"x"' }])).toBe('[{"a": 1, "b": [true, null, 0.5], "c": "\\u00e9\\n\\"x\\""}]');
    expect(pythonJsonDumps({})).toBe('{}');
    expect(pythonJsonDumps([])).toBe('[]');
    expect(pythonJsonDumps('日本')).toBe('"\\u65e5\\u672c"');
    expect(pythonJsonDumps([NaN, Infinity, -Infinity])).toBe('[NaN, Infinity, -Infinity]');
  });
});

describe('historyEntry', () => {
  it('keeps run_id, artifact_path, utc_time_created and model_uuid in that order, then flavors without their config', () => {
    const entry = historyEntry({
      flavors: { sklearn: { pickled_model: 'model.pkl', config: { a: 1 } }, python_function: { env: 'conda.yaml' } },
      utc_time_created: '2026-12-07 10:15:02.123456',
      run_id: 'r1',
      artifact_path: 'model',
      signature: { inputs: '[]' },
      mlflow_version: '2.17.2',
    });
    expect(pythonJsonDumps(entry)).toBe(
      '{"run_id": "r1", "artifact_path": "model", "utc_time_created": "2026-12-07 10:15:02.123456", "model_uuid": null, "flavors": {"sklearn": {"pickled_model": "model.pkl"}, "python_function": {"env": "conda.yaml"}}}',
    );
  });
});
