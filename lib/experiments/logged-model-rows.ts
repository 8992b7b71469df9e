import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loggedModelMetrics, loggedModelParams, loggedModels, loggedModelTags } from '@/db/schema/logged-models';
import { experiments, runs } from '@/db/schema/tracking';
import { resourceGrants } from '@/db/schema/identity';
import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeOnExperiment, grantJoin, refuseDeletedExperiment, type ExperimentRow } from './access';
import { pythonJsonDumps } from './log-model-history';
import type { LoggedModelView } from './logged-model-schemas';

/*
 * Reading and locking logged models, and the writes several services share. A deleted model is gone
 * for every door, as in MLflow's store: reads and writes answer 404.
 */

export type LoggedModelRow = typeof loggedModels.$inferSelect;

export function loggedModelNotFound(id: string): NotFoundError {
  const e = new NotFoundError('Logged model', id);
  e.message = `Logged model with ID '${id}' not found.`;
  return e;
}

/**
 * Locks the model row (FOR UPDATE) and checks the actor's rights on its experiment, read without a lock,
 * in the order loadRunForWrite uses (experiment operations lock the experiment, then its rows).
 */
export async function loadLoggedModelForWrite(tx: Db, actor: Actor, id: string, permission: Permission): Promise<{ model: LoggedModelRow; experiment: ExperimentRow }> {
  const [found] = await tx
    .select({ model: loggedModels, experiment: experiments, grantLevel: resourceGrants.level })
    .from(loggedModels)
    .innerJoin(experiments, eq(experiments.id, loggedModels.experimentId))
    .leftJoin(resourceGrants, grantJoin(actor))
    .where(and(eq(loggedModels.id, id), eq(loggedModels.lifecycleStage, 'active')))
    .for('update', { of: loggedModels });
  if (!found) throw loggedModelNotFound(id);
  authorizeOnExperiment(actor, permission, found.experiment, found.grantLevel);
  refuseDeletedExperiment(found.experiment);
  return { model: found.model, experiment: found.experiment };
}

/** The views of the given models, in the order of `ids` (missing ids are left out). */
export async function loadLoggedModelViews(tx: Db, ids: string[]): Promise<LoggedModelView[]> {
  if (ids.length === 0) return [];
  // One after another: the transaction has one connection, and pg refuses queries queued on a busy client.
  const rows = await tx.select().from(loggedModels).where(inArray(loggedModels.id, ids));
  const tags = await tx.select().from(loggedModelTags).where(inArray(loggedModelTags.modelId, ids)).orderBy(asc(loggedModelTags.key));
  const params = await tx.select().from(loggedModelParams).where(inArray(loggedModelParams.modelId, ids)).orderBy(asc(loggedModelParams.key));
  const metrics = await tx
    .select()
    .from(loggedModelMetrics)
    .where(inArray(loggedModelMetrics.modelId, ids))
    .orderBy(asc(loggedModelMetrics.key), asc(loggedModelMetrics.timestamp), asc(loggedModelMetrics.step));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        experimentId: String(r.experimentId),
        name: r.name,
        modelType: r.modelType,
        sourceRunId: r.sourceRunId,
        status: r.status,
        artifactLocation: r.artifactLocation,
        creationTime: r.creationTime,
        lastUpdatedTime: r.lastUpdatedTime,
        tags: Object.fromEntries(tags.filter((t) => t.modelId === id).map((t) => [t.key, t.value])),
        params: Object.fromEntries(params.filter((p) => p.modelId === id).map((p) => [p.key, p.value])),
        metrics: metrics
          .filter((m) => m.modelId === id)
          .map((m) => ({ key: m.key, value: m.value, step: m.step, timestamp: m.timestamp, runId: m.runId, datasetName: m.datasetName, datasetDigest: m.datasetDigest })),
      },
    ];
  });
}

export async function loadLoggedModelView(tx: Db, id: string): Promise<LoggedModelView> {
  const [view] = await loadLoggedModelViews(tx, [id]);
  if (!view) throw loggedModelNotFound(id);
  return view;
}

/** Tags upserted (last value wins within a call); returns the previous values of the keys touched. */
export async function writeLoggedModelTags(tx: Db, modelId: string, tags: { key: string; value: string }[]): Promise<Record<string, string | null>> {
  if (tags.length === 0) return {};
  const wanted = new Map(tags.map((t) => [t.key, t.value]));
  const keys = [...wanted.keys()];
  const before = await tx.select().from(loggedModelTags).where(and(eq(loggedModelTags.modelId, modelId), inArray(loggedModelTags.key, keys)));
  await tx
    .insert(loggedModelTags)
    .values(keys.map((key) => ({ modelId, key, value: wanted.get(key)! })))
    .onConflictDoUpdate({ target: [loggedModelTags.modelId, loggedModelTags.key], set: { value: sql`excluded.value` } });
  const previous = new Map(before.map((t) => [t.key, t.value]));
  return Object.fromEntries(keys.map((k) => [k, previous.get(k) ?? null]));
}

/** Params are immutable: the same value again is accepted, another value is refused and nothing of the call is kept. */
export async function writeLoggedModelParams(tx: Db, modelId: string, params: { key: string; value: string }[]): Promise<void> {
  if (params.length === 0) return;
  const wanted = new Map<string, string>();
  for (const p of params) {
    const seen = wanted.get(p.key);
    if (seen !== undefined && seen !== p.value) {
      throw new ValidationError(`params: key '${p.key}' is given twice with different values.`, [{ path: 'params', message: `duplicate key '${p.key}' with different values` }], 'duplicate_param_key');
    }
    wanted.set(p.key, p.value);
  }
  const keys = [...wanted.keys()];
  const existing = await tx.select().from(loggedModelParams).where(and(eq(loggedModelParams.modelId, modelId), inArray(loggedModelParams.key, keys)));
  for (const old of existing) {
    if (old.value !== wanted.get(old.key)) {
      throw new ConflictError('param_immutable', `Param '${old.key}' of logged model '${modelId}' was already logged with value '${old.value}'; it cannot be changed to '${wanted.get(old.key)}'. Params are immutable.`, {
        key: old.key,
        oldValue: old.value,
        newValue: wanted.get(old.key),
      });
    }
  }
  await tx
    .insert(loggedModelParams)
    .values(keys.map((key) => ({ modelId, key, value: wanted.get(key)! })))
    .onConflictDoNothing();
}

/** The run a model names as its source, which must exist (any experiment: MLflow does not tie them). */
export async function findSourceRun(tx: Db, runId: string) {
  const [run] = await tx.select({ id: runs.id, experimentId: runs.experimentId, artifactUri: runs.artifactUri }).from(runs).where(eq(runs.id, runId));
  if (!run) throw new NotFoundError('Run', runId);
  return run;
}

/** A live logged model's row (no lock; reads and registrations); 404 in MLflow's words otherwise. */
export async function getLiveLoggedModelRow(tx: Db, id: string): Promise<LoggedModelRow> {
  const [row] = await tx
    .select()
    .from(loggedModels)
    .where(and(eq(loggedModels.id, id), eq(loggedModels.lifecycleStage, 'active')));
  if (!row) throw loggedModelNotFound(id);
  return row;
}

/** The logged model tag listing the registry versions made from it, as MLflow's store keeps it. */
export const MODEL_VERSIONS_TAG = 'mlflow.modelVersions';

/**
 * Adds `{name, version}` to the model's `mlflow.modelVersions` tag (a JSON list, Python's json.dumps
 * formatting) unless already there, as MLflow's tracking store does when a version is registered from a
 * logged model (`set_model_versions_tags`). Returns the tag's value before and after.
 */
export async function addModelVersionTag(tx: Db, modelId: string, name: string, version: number): Promise<{ before: string | null; after: string }> {
  const [current] = await tx
    .select({ value: loggedModelTags.value })
    .from(loggedModelTags)
    .where(and(eq(loggedModelTags.modelId, modelId), eq(loggedModelTags.key, MODEL_VERSIONS_TAG)))
    .for('update');
  let list: unknown[] = [];
  try {
    const parsed: unknown = current ? JSON.parse(current.value) : [];
    list = Array.isArray(parsed) ? parsed : [];
  } catch {
    list = [];
  }
  const known = list.some((e) => typeof e === 'object' && e !== null && (e as Record<string, unknown>).name === name && String((e as Record<string, unknown>).version) === String(version));
  const after = pythonJsonDumps(known ? list : [...list, { name, version }]);
  await writeLoggedModelTags(tx, modelId, [{ key: MODEL_VERSIONS_TAG, value: after }]);
  return { before: current?.value ?? null, after };
}
