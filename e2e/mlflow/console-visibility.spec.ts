import { expect, test } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth';
import { bearer, makeMlflowUser, MlflowClient, nowMs, uniqueName } from './mlflow-client';

/*
 * Runs logged by an MLflow client are the same runs the console shows: one service layer, so what goes
 * in through /api/2.0 comes out through /api/v1 and the experiments pages unchanged.
 */

test('[MLFLOW] a run logged through the MLflow API is found through /api/v1 and shown on the experiment page', async ({ page, request }) => {
  const user = await makeMlflowUser('scientist');
  const c = new MlflowClient(request, bearer(user.token));
  const experimentName = uniqueName('visible');
  const runName = uniqueName('from-mlflow');
  const t = nowMs();

  // RestStore.create_experiment → create_run → log_batch → update_run_info, as `mlflow.start_run()` does
  const { experiment_id: experimentId } = await c.ok(c.post('/mlflow/experiments/create', { name: experimentName }));
  const { run } = await c.ok(c.post('/mlflow/runs/create', { experiment_id: experimentId, user_id: 'py', start_time: t, tags: [{ key: 'mlflow.runName', value: runName }], run_name: runName }));
  const runId: string = run.info.run_id;
  await c.ok(
    c.post('/mlflow/runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'accuracy', value: 0.93, timestamp: t + 1, step: 3 }],
      params: [{ key: 'optimizer', value: 'adam' }],
      tags: [],
    }),
  );
  await c.ok(c.post('/mlflow/runs/update', { run_id: runId, run_uuid: runId, status: 'FINISHED', end_time: t + 5 }));

  // /api/v1 with the same token
  const headers = { authorization: bearer(user.token) };
  const v1Run = await request.get(`/api/v1/runs/${runId}`, { headers });
  expect(v1Run.status()).toBe(200);
  expect(await v1Run.json()).toMatchObject({
    id: runId,
    experimentId,
    name: runName,
    status: 'FINISHED',
    params: { optimizer: 'adam' },
    metrics: { accuracy: { value: 0.93, step: 3 } },
  });
  const v1Search = await request.post('/api/v1/runs/search', { headers, data: { experimentIds: [experimentId], filter: "params.optimizer = 'adam' and metrics.accuracy > 0.9" } });
  expect(v1Search.status(), await v1Search.text()).toBe(200);
  expect(((await v1Search.json()) as { runs: { id: string }[] }).runs.map((r) => r.id)).toEqual([runId]);
  const v1List = await request.get(`/api/v1/experiments?q=${encodeURIComponent(experimentName)}`, { headers });
  expect(v1List.status()).toBe(200);
  const listed = (await v1List.json()) as { experiments: { id: string; name: string; runCount?: number }[] };
  expect(listed.experiments).toEqual([expect.objectContaining({ id: experimentId, name: experimentName, runCount: 1 })]);

  // The console, signed in as the same person
  await signInViaApi(page.request, user.email, user.password);
  await page.goto(`/experiments/${experimentId}`);
  await expect(page.getByRole('link', { name: runName })).toBeVisible();
});
