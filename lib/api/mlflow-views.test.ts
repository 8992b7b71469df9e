import { describe, expect, it } from 'vitest';
import type { ExperimentView, RunView } from '@/lib/experiments/schemas';
import { toMlflowExperiment, toMlflowRun, toMlflowRunInfo } from './mlflow-views';

const RUN = '0123456789abcdef0123456789abcdef';

function runView(over: Partial<RunView> = {}): RunView {
  return {
    id: RUN,
    experimentId: '7',
    name: 'brave-owl-12',
    status: 'RUNNING',
    startTime: 1_700_000_000_000,
    endTime: null,
    userId: null,
    userName: 'ana',
    source: { name: null, type: null, version: null, entryPoint: null },
    parentRunId: null,
    description: null,
    artifactUri: null,
    lifecycleStage: 'active',
    deletedTime: null,
    params: {},
    metrics: {},
    tags: {},
    ...over,
  };
}

describe('toMlflowExperiment', () => {
  const view: ExperimentView = {
    id: '7',
    name: 'churn',
    description: null,
    ownerId: null,
    artifactLocation: null,
    lifecycleStage: 'deleted',
    tags: { team: 'growth' },
    createdAt: '2026-01-02T03:04:05.678Z',
    updatedAt: '2026-01-03T00:00:00.000Z',
  };

  it('writes ids as strings, times as epoch ms, tags as a key/value list and the proxied default location', () => {
    expect(toMlflowExperiment(view)).toEqual({
      experiment_id: '7',
      name: 'churn',
      artifact_location: 'mlflow-artifacts:/7',
      lifecycle_stage: 'deleted',
      creation_time: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
      last_update_time: Date.UTC(2026, 0, 3),
      tags: [{ key: 'team', value: 'growth' }],
    });
  });

  it('keeps a stored artifact location and leaves out an empty tag list', () => {
    const out = JSON.parse(JSON.stringify(toMlflowExperiment({ ...view, artifactLocation: 's3://bucket/x', tags: {} })));
    expect(out.artifact_location).toBe('s3://bucket/x');
    expect('tags' in out).toBe(false);
  });
});

describe('toMlflowRun', () => {
  it('fills run_uuid beside run_id, derives the artifact URI when the run has none, and leaves out an unset end_time', () => {
    const info = JSON.parse(JSON.stringify(toMlflowRunInfo(runView())));
    expect(info).toEqual({
      run_id: RUN,
      run_uuid: RUN,
      run_name: 'brave-owl-12',
      experiment_id: '7',
      user_id: 'ana',
      status: 'RUNNING',
      start_time: 1_700_000_000_000,
      artifact_uri: `mlflow-artifacts:/7/${RUN}/artifacts`,
      lifecycle_stage: 'active',
    });
  });

  it('writes metrics as {key, value, timestamp, step} with non-finite values as MLflow’s strings, params and tags as lists', () => {
    const run = toMlflowRun(
      runView({
        endTime: 1_700_000_000_500,
        params: { lr: '0.1' },
        tags: { 'mlflow.runName': 'brave-owl-12' },
        metrics: { loss: { value: 'NaN', step: 3, timestamp: 1_700_000_000_100, min: null, max: null }, acc: { value: 0.9, step: 1, timestamp: 1_700_000_000_200, min: 0.1, max: 0.9 } },
      }),
    );
    expect(run.info.end_time).toBe(1_700_000_000_500);
    expect(run.data).toEqual({
      metrics: [
        { key: 'loss', value: 'NaN', timestamp: 1_700_000_000_100, step: 3 },
        { key: 'acc', value: 0.9, timestamp: 1_700_000_000_200, step: 1 },
      ],
      params: [{ key: 'lr', value: '0.1' }],
      tags: [{ key: 'mlflow.runName', value: 'brave-owl-12' }],
    });
  });

  it('turns dataset inputs back into MLflow’s shape, the context as the mlflow.data.context tag and JSON fields as text', () => {
    const run = toMlflowRun(
      runView({
        inputs: [
          {
            context: 'training',
            tags: { split: 'a' },
            dataset: { id: 'd', experimentId: '7', name: 'iris', digest: 'abc', sourceType: 'local', source: '{"uri":"x"}', schema: { cols: [] }, profile: null, createdAt: '2026-01-01T00:00:00Z' },
          },
        ],
      }),
    );
    expect(JSON.parse(JSON.stringify(run.inputs))).toEqual({
      dataset_inputs: [
        {
          tags: [
            { key: 'mlflow.data.context', value: 'training' },
            { key: 'split', value: 'a' },
          ],
          dataset: { name: 'iris', digest: 'abc', source_type: 'local', source: '{"uri":"x"}', schema: '{"cols":[]}' },
        },
      ],
    });
  });

  it('leaves out empty data lists, as protobuf JSON does', () => {
    expect(JSON.parse(JSON.stringify(toMlflowRun(runView())))).toMatchObject({ data: {}, inputs: {} });
  });
});
