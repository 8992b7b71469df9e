import { z } from 'zod';
import {
  ChildRunsOutput,
  CreateExperimentInput,
  CreateRunInput,
  DeleteExperimentTagInput,
  DeleteRunTagInput,
  ExperimentDatasetsOutput,
  ExperimentRef,
  ExperimentView,
  GetExperimentByNameInput,
  ListExperimentsInput,
  ListExperimentsOutput,
  LogBatchInput,
  LogBatchOutput,
  LogInputsInput,
  LogMetricInput,
  LogParamInput,
  MetricView,
  MetricValueOutput,
  PurgeOutput,
  RunInputsOutput,
  RunRef,
  RunView,
  SetExperimentTagInput,
  SetRunTagInput,
  UpdateExperimentInput,
  UpdateRunInput,
} from '@/lib/experiments/schemas';
import { operation } from '../operation';

const TAG = 'tracking';
const RunTagOutput = z.object({ runId: z.string(), key: z.string(), value: z.string().nullable() });
const LogMetricOutput = z.object({ runId: z.string(), key: z.string(), value: MetricValueOutput, step: z.number(), timestamp: z.number(), latest: MetricView });
// A full batch of 1000 metrics with long keys stays well under this.
const BATCH_BODY_BYTES = 4 * 1024 * 1024;

// ------------------------------------------------------------------ experiments

export const listExperimentsOp = operation({ id: 'listExperiments', method: 'GET', path: '/experiments', tag: TAG, summary: 'List experiments with run counts and last activity', permission: 'read', input: ListExperimentsInput, output: ListExperimentsOutput });
export const createExperimentOp = operation({ id: 'createExperiment', method: 'POST', path: '/experiments', tag: TAG, summary: 'Create an experiment owned by the caller', permission: 'experiment.create', input: CreateExperimentInput, output: ExperimentView, status: 201 });
export const getExperimentByNameOp = operation({ id: 'getExperimentByName', method: 'GET', path: '/experiments/by-name', tag: TAG, summary: 'Find an experiment by its exact name', permission: 'read', input: GetExperimentByNameInput, output: ExperimentView });
export const getExperimentOp = operation({ id: 'getExperiment', method: 'GET', path: '/experiments/{id}', tag: TAG, summary: 'Get an experiment', permission: 'read', input: ExperimentRef, output: ExperimentView });
export const updateExperimentOp = operation({ id: 'updateExperiment', method: 'PATCH', path: '/experiments/{id}', tag: TAG, summary: 'Rename an experiment or edit its description', permission: 'experiment.update', input: UpdateExperimentInput, output: ExperimentView });
export const deleteExperimentOp = operation({ id: 'deleteExperiment', method: 'DELETE', path: '/experiments/{id}', tag: TAG, summary: 'Move an experiment and its runs to the trash', permission: 'experiment.delete', input: ExperimentRef, output: ExperimentView });
export const restoreExperimentOp = operation({ id: 'restoreExperiment', method: 'POST', path: '/experiments/{id}/restore', tag: TAG, summary: 'Restore a deleted experiment and the runs deleted with it', permission: 'experiment.delete', input: ExperimentRef, output: ExperimentView });
export const purgeExperimentTrashOp = operation({
  id: 'purgeExperimentTrash',
  method: 'POST',
  path: '/experiments/{id}/trash/purge',
  tag: TAG,
  summary: 'Permanently remove the deleted runs of an experiment; returns the artifact URIs to remove',
  permission: 'experiment.purge',
  input: ExperimentRef,
  output: PurgeOutput,
});
export const purgeExperimentOp = operation({
  id: 'purgeExperiment',
  method: 'POST',
  path: '/experiments/{id}/purge',
  tag: TAG,
  summary: 'Permanently remove a deleted experiment with everything in it; returns the artifact URIs to remove',
  permission: 'experiment.purge',
  input: ExperimentRef,
  output: PurgeOutput,
});
export const setExperimentTagOp = operation({ id: 'setExperimentTag', method: 'POST', path: '/experiments/{id}/tags', tag: TAG, summary: 'Set a tag on an experiment', permission: 'experiment.update', input: SetExperimentTagInput, output: ExperimentView });
export const deleteExperimentTagOp = operation({ id: 'deleteExperimentTag', method: 'DELETE', path: '/experiments/{id}/tags/{key}', tag: TAG, summary: 'Delete a tag of an experiment', permission: 'experiment.update', input: DeleteExperimentTagInput, output: ExperimentView });
export const listExperimentDatasetsOp = operation({ id: 'listExperimentDatasets', method: 'GET', path: '/experiments/{id}/datasets', tag: TAG, summary: 'Datasets logged as inputs in an experiment', permission: 'read', input: ExperimentRef, output: ExperimentDatasetsOutput });

// ------------------------------------------------------------------ runs

export const createRunOp = operation({ id: 'createRun', method: 'POST', path: '/runs', tag: TAG, summary: 'Start a run in an experiment (Default when none is given)', permission: 'run.create', input: CreateRunInput, output: RunView, status: 201 });
export const getRunOp = operation({ id: 'getRun', method: 'GET', path: '/runs/{id}', tag: TAG, summary: 'Get a run with its params, latest metrics, tags and inputs', permission: 'read', input: RunRef, output: RunView });
export const updateRunOp = operation({ id: 'updateRun', method: 'PATCH', path: '/runs/{id}', tag: TAG, summary: 'Change a run’s status, end time, name or description', permission: 'run.update', input: UpdateRunInput, output: RunView });
export const deleteRunOp = operation({ id: 'deleteRun', method: 'DELETE', path: '/runs/{id}', tag: TAG, summary: 'Move a run to the trash', permission: 'run.delete', input: RunRef, output: RunView });
export const restoreRunOp = operation({ id: 'restoreRun', method: 'POST', path: '/runs/{id}/restore', tag: TAG, summary: 'Restore a deleted run', permission: 'run.delete', input: RunRef, output: RunView });
export const listChildRunsOp = operation({ id: 'listChildRuns', method: 'GET', path: '/runs/{id}/children', tag: TAG, summary: 'Nested runs whose parent is this run', permission: 'read', input: RunRef, output: ChildRunsOutput });
export const logParamOp = operation({
  id: 'logParam',
  method: 'POST',
  path: '/runs/{id}/params',
  tag: TAG,
  summary: 'Log a param; params are immutable (409 param_immutable for a different value)',
  permission: 'run.update',
  input: LogParamInput,
  output: z.object({ runId: z.string(), key: z.string(), value: z.string() }),
});
export const logMetricOp = operation({
  id: 'logMetric',
  method: 'POST',
  path: '/runs/{id}/metrics',
  tag: TAG,
  summary: 'Log a metric point; "NaN", "Infinity" and "-Infinity" are accepted as strings',
  permission: 'run.update',
  input: LogMetricInput,
  output: LogMetricOutput,
});
export const setRunTagOp = operation({ id: 'setRunTag', method: 'POST', path: '/runs/{id}/tags', tag: TAG, summary: 'Set a tag on a run (system tags update the fields they mirror)', permission: 'run.update', input: SetRunTagInput, output: RunTagOutput });
export const deleteRunTagOp = operation({ id: 'deleteRunTag', method: 'DELETE', path: '/runs/{id}/tags/{key}', tag: TAG, summary: 'Delete a tag of a run', permission: 'run.update', input: DeleteRunTagInput, output: RunTagOutput });
export const logBatchOp = operation({
  id: 'logBatch',
  method: 'POST',
  path: '/runs/{id}/batch',
  tag: TAG,
  summary: 'Log up to 1000 metrics, 100 params and 100 tags at once',
  permission: 'run.update',
  input: LogBatchInput,
  output: LogBatchOutput,
  maxBodyBytes: BATCH_BODY_BYTES,
});
export const logInputsOp = operation({ id: 'logInputs', method: 'POST', path: '/runs/{id}/inputs', tag: TAG, summary: 'Record the datasets a run used (training, evaluation, …)', permission: 'run.update', input: LogInputsInput, output: RunInputsOutput });
export const listRunInputsOp = operation({ id: 'listRunInputs', method: 'GET', path: '/runs/{id}/inputs', tag: TAG, summary: 'The datasets a run used', permission: 'read', input: RunRef, output: RunInputsOutput });
