import { runArtifactUri } from '@/lib/artifacts/artifact-path';
import type { RunModelIo } from '@/lib/experiments/logged-model-run-io';
import { SYSTEM_TAGS, type DatasetInputView, type EncodedMetricValue, type ExperimentView, type RunView } from '@/lib/experiments/schemas';

/*
 * Modelkeep views → MLflow's protobuf JSON (mlflow/protos/service.proto), as MLflow's server writes it
 * with `message_to_json`: snake_case names, int64 as JSON numbers, NaN/±Infinity as the strings
 * "NaN"/"Infinity"/"-Infinity", experiment ids as strings, unset fields and empty lists left out.
 */

export interface MlflowKeyValue {
  key: string;
  value: string;
}

export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  creation_time?: number;
  last_update_time?: number;
  tags?: MlflowKeyValue[];
}

export interface MlflowRunInfo {
  run_id: string;
  /** Deprecated twin of run_id that older clients still read. */
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: string;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: string;
}

export interface MlflowMetric {
  key: string;
  value: EncodedMetricValue;
  timestamp: number;
  step: number;
}

export interface MlflowDatasetInput {
  tags?: MlflowKeyValue[];
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
}

export interface MlflowRun {
  info: MlflowRunInfo;
  data: { metrics?: MlflowMetric[]; params?: MlflowKeyValue[]; tags?: MlflowKeyValue[] };
  inputs: { dataset_inputs?: MlflowDatasetInput[]; model_inputs?: { model_id: string }[] };
  outputs: { model_outputs?: { model_id: string; step: number }[] };
}

/** MLflow's input tag holding a dataset's role in a run. */
export const DATASET_CONTEXT_TAG = 'mlflow.data.context';

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length ? list : undefined;
}

function keyValues(record: Record<string, string>): MlflowKeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

function millis(iso: string | null | undefined): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

/** Where MLflow clients send an experiment's artifacts: its stored location, or the proxied default. */
export function experimentArtifactLocation(view: Pick<ExperimentView, 'id' | 'artifactLocation'>): string {
  return view.artifactLocation ?? `mlflow-artifacts:/${view.id}`;
}

export function toMlflowExperiment(view: ExperimentView): MlflowExperiment {
  return {
    experiment_id: view.id,
    name: view.name,
    artifact_location: experimentArtifactLocation(view),
    lifecycle_stage: view.lifecycleStage,
    creation_time: millis(view.createdAt),
    last_update_time: millis(view.updatedAt),
    // MLflow keeps an experiment's description in the `mlflow.note.content` tag; here it is a column.
    tags: nonEmpty(keyValues(view.description ? { ...view.tags, [SYSTEM_TAGS.description]: view.description } : view.tags)),
  };
}

export function toMlflowRunInfo(view: RunView): MlflowRunInfo {
  return {
    run_id: view.id,
    run_uuid: view.id,
    run_name: view.name,
    experiment_id: view.experimentId,
    user_id: view.userName ?? '',
    status: view.status,
    start_time: view.startTime,
    ...(view.endTime === null ? {} : { end_time: view.endTime }),
    artifact_uri: view.artifactUri ?? runArtifactUri(view.experimentId, view.id),
    lifecycle_stage: view.lifecycleStage,
  };
}

function jsonText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function toMlflowDatasetInput(input: DatasetInputView): MlflowDatasetInput {
  const tags = keyValues(input.tags);
  if (input.context !== null) tags.unshift({ key: DATASET_CONTEXT_TAG, value: input.context });
  const d = input.dataset;
  return {
    tags: nonEmpty(tags),
    dataset: { name: d.name, digest: d.digest, source_type: d.sourceType, source: d.source, schema: jsonText(d.schema), profile: jsonText(d.profile) },
  };
}

/** A run with, when given, the logged models it used and produced (MLflow 3's RunInputs.model_inputs and RunOutputs.model_outputs). */
export function toMlflowRun(view: RunView, models?: RunModelIo): MlflowRun {
  return {
    info: toMlflowRunInfo(view),
    data: {
      metrics: nonEmpty(Object.entries(view.metrics).map(([key, m]) => ({ key, value: m.value, timestamp: m.timestamp, step: m.step }))),
      params: nonEmpty(keyValues(view.params)),
      tags: nonEmpty(keyValues(view.tags)),
    },
    inputs: {
      dataset_inputs: nonEmpty((view.inputs ?? []).map(toMlflowDatasetInput)),
      model_inputs: nonEmpty((models?.modelInputs ?? []).map((m) => ({ model_id: m.modelId }))),
    },
    outputs: { model_outputs: nonEmpty((models?.modelOutputs ?? []).map((m) => ({ model_id: m.modelId, step: m.step }))) },
  };
}

/** JSON.stringify drops `undefined` members, which is how unset protobuf fields disappear from the answer. */
export function toMlflowMetric(point: { key: string; value: EncodedMetricValue; timestamp: number; step: number }): MlflowMetric {
  return { key: point.key, value: point.value, timestamp: point.timestamp, step: point.step };
}
