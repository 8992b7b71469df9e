import MLflow from 'mlflow';
import { RunStatus, ViewType } from 'mlflow/enum';
import { expect, test } from '@playwright/test';
import { makeMlflowUser, nowMs, uniqueName, type MlflowUser } from './mlflow-client';

/*
 * A third-party MLflow client from the npm registry (`mlflow`, a Node.js client of MLflow's REST API
 * written against MLflow's own server), unmodified, pointed at Modelkeep with an API token as its bearer
 * header. It sends its own requests (GET with query strings, run_uuid beside run_id) and accepts only
 * HTTP 200 with JSON; anything else rejects with the status and the body in the error's message.
 */

let scientist: MlflowUser;

test.beforeAll(async () => {
  scientist = await makeMlflowUser('scientist');
});

const clientFor = (token: string | null) =>
  new MLflow({ endpoint: test.info().project.use.baseURL!, headers: token ? { Authorization: `Bearer ${token}` } : {} });

test.describe('[MLFLOW] the npm `mlflow` client', () => {
  test('creates an experiment and a run, logs params, metrics, batches and tags, and reads them back', async () => {
    const { Experiments, Runs, Metrics, Artifacts } = clientFor(scientist.token);
    const name = uniqueName('npm-client');
    // The client's type wants artifact_location; left undefined, it is not sent and the server picks the location.
    const { experiment_id } = await Experiments.create({ name, artifact_location: undefined as unknown as string });
    expect(experiment_id).toMatch(/^\d+$/);
    const { experiment } = await Experiments.get({ experiment_id });
    expect(experiment).toMatchObject({ experiment_id, name, lifecycle_stage: 'active' });
    await Experiments.update({ experiment_id, new_name: `${name}-renamed` });
    expect((await Experiments.get({ experiment_id })).experiment.name).toBe(`${name}-renamed`);

    const start = nowMs();
    const { run } = await Runs.create({ experiment_id, user_id: 'npm-user', start_time: start, tags: [{ key: 'mlflow.runName', value: 'npm-run' }] });
    const runId = run.info.run_id;
    expect(run.info).toMatchObject({ experiment_id, status: 'RUNNING', start_time: start, lifecycle_stage: 'active' });

    await Runs.logParameter({ run_id: runId, key: 'lr', value: '0.01' });
    for (const [step, value] of [
      [0, 0.9],
      [2, 0.4],
      [1, 0.6],
    ]) {
      await Runs.logMetric({ run_id: runId, key: 'loss', value, timestamp: start + step, step });
    }
    await Runs.logBatch({
      run_id: runId,
      metrics: [{ key: 'acc', value: 0.75, timestamp: start, step: 0 }],
      params: [{ key: 'optimizer', value: 'adam' }],
      tags: [{ key: 'team', value: 'vision' }],
    });
    await Runs.setTag({ run_id: runId, key: 'stage', value: 'try' });
    await Runs.deleteTag({ run_id: runId, key: 'stage' });

    const { run: read } = await Runs.get({ run_id: runId });
    // The current value is the one at the highest step, not the last logged.
    expect(read.data.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'loss', value: 0.4, step: 2 }), expect.objectContaining({ key: 'acc', value: 0.75 })]));
    expect(read.data.params).toEqual(expect.arrayContaining([{ key: 'lr', value: '0.01' }, { key: 'optimizer', value: 'adam' }]));
    const tags = Object.fromEntries(read.data.tags.map((t: { key: string; value: string }) => [t.key, t.value]));
    expect(tags).toMatchObject({ team: 'vision', 'mlflow.runName': 'npm-run' });
    expect(tags.stage).toBeUndefined();

    const { metrics } = await Metrics.getHistory({ run_id: runId, metric_key: 'loss' });
    expect(metrics.map((m: { step: number; value: number }) => [m.step, m.value]).sort((a: number[], b: number[]) => a[0] - b[0])).toEqual([
      [0, 0.9],
      [1, 0.6],
      [2, 0.4],
    ]);

    const { runs } = await Runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss < 0.5 and params.optimizer = 'adam'", order_by: ['metrics.loss ASC'] });
    expect(runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    expect((await Runs.search({ experiment_ids: [experiment_id], filter: 'metrics.loss > 0.5' })).runs ?? []).toEqual([]);

    const end = nowMs();
    const { run_info } = await Runs.update({ run_id: runId, status: RunStatus.FINISHED, end_time: end });
    expect(run_info).toMatchObject({ run_id: runId, status: RunStatus.FINISHED, end_time: end });
    // No artifacts yet: MLflow answers with the root only.
    expect((await Artifacts.list({ run_id: runId, path: '' })).files ?? []).toEqual([]);

    await Runs.delete({ run_id: runId });
    expect((await Runs.get({ run_id: runId })).run.info.lifecycle_stage).toBe('deleted');
    await Runs.restore({ run_id: runId });
    expect((await Runs.get({ run_id: runId })).run.info.lifecycle_stage).toBe('active');
    await Experiments.delete({ experiment_id });
    expect((await Experiments.get({ experiment_id })).experiment.lifecycle_stage).toBe('deleted');
    await Experiments.restore({ experiment_id });
    const active = await Runs.search({ experiment_ids: [experiment_id], run_view_type: ViewType.ACTIVE_ONLY });
    expect(active.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
  });

  test('errors reach the client as MLflow error codes', async () => {
    const { Runs, Experiments } = clientFor(scientist.token);
    await expect(Runs.get({ run_id: 'f'.repeat(32) })).rejects.toThrow(/"status":404.*RESOURCE_DOES_NOT_EXIST/);
    // experiments/list was removed from MLflow's server in 2.0; the client's call gets the same answer here.
    await expect(Experiments.list()).rejects.toThrow(/"status":404.*ENDPOINT_NOT_FOUND/);
    await expect(clientFor(null).Experiments.get({ experiment_id: '0' })).rejects.toThrow(/"status":401.*UNAUTHENTICATED/);
    await expect(clientFor('mk_not-a-real-token').Experiments.get({ experiment_id: '0' })).rejects.toThrow(/"status":401/);
  });
});
