import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { loggedModels, loggedModelTags } from '@/db/schema/logged-models';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadExperimentForWrite, type ExperimentRow } from './access';
import './constraints';
import {
  CreateLoggedModelInput,
  DeleteLoggedModelTagInput,
  FinalizeLoggedModelInput,
  invalidLoggedModelNameMessage,
  isValidLoggedModelName,
  LoggedModelRef,
  LogLoggedModelParamsInput,
  pythonRepr,
  SetLoggedModelTagsInput,
} from './logged-model-schemas';
import { findSourceRun, loadLoggedModelForWrite, loadLoggedModelView, writeLoggedModelParams, writeLoggedModelTags } from './logged-model-rows';
import { generateRunName } from './run-names';

/*
 * MLflow 3's logged models: create (PENDING), upload files, finalize (READY or FAILED), with tags and
 * immutable params. Rights are the experiment's: creating one needs what creating a run needs, changing
 * one what logging to a run needs, deleting one what deleting a run needs. One transaction and one audit
 * event (resource `logged_model`) per call.
 */

const trimSlash = (uri: string) => uri.replace(/\/+$/, '');

/**
 * Where the model's files go, as MLflow's store decides: `<experiment artifact location>/models/<id>/artifacts`,
 * whether or not the model comes from a run. The files belong to the model, not to its source run: purging
 * that run leaves them, and they leave with the experiment (the artifact proxy authorizes them by the model).
 */
function artifactLocationFor(id: string, experiment: ExperimentRow): string {
  return `${trimSlash(experiment.artifactLocation ?? `mlflow-artifacts:/${experiment.id}`)}/models/${id}/artifacts`;
}

export const createLoggedModel = defineService({
  name: 'logged_models.create',
  permission: 'run.create',
  input: CreateLoggedModelInput,
  async run({ tx, actor }, input) {
    if (input.name !== undefined && !isValidLoggedModelName(input.name)) throw new ValidationError(invalidLoggedModelNameMessage(input.name), [{ path: 'name', message: 'invalid model name' }]);
    const experiment = await loadExperimentForWrite(tx, actor, input.experimentId, 'run.create');
    const run = input.sourceRunId ? await findSourceRun(tx, input.sourceRunId) : null;
    const id = `m-${randomBytes(16).toString('hex')}`;
    const now = Date.now();
    await tx.insert(loggedModels).values({
      id,
      experimentId: experiment.id,
      name: input.name ?? generateRunName(),
      modelType: input.modelType || null,
      sourceRunId: run?.id ?? null,
      status: 'PENDING',
      artifactLocation: artifactLocationFor(id, experiment),
      createdBy: actor.userId,
      creationTime: now,
      lastUpdatedTime: now,
    });
    await writeLoggedModelParams(tx, id, input.params);
    await writeLoggedModelTags(tx, id, input.tags);
    const view = await loadLoggedModelView(tx, id);
    await recordAudit(tx, actor, 'logged_model.create', { type: 'logged_model', id }, {
      after: { experimentId: view.experimentId, name: view.name, modelType: view.modelType, sourceRunId: view.sourceRunId, artifactLocation: view.artifactLocation, params: view.params, tags: view.tags },
    });
    return view;
  },
});

/** Sets READY once the files are uploaded, or FAILED when the upload broke off (MLflow allows any status from any status). */
export const finalizeLoggedModel = defineService({
  name: 'logged_models.finalize',
  permission: 'run.update',
  input: FinalizeLoggedModelInput,
  async run({ tx, actor }, input) {
    const { model } = await loadLoggedModelForWrite(tx, actor, input.id, 'run.update');
    await tx.update(loggedModels).set({ status: input.status, lastUpdatedTime: Math.max(Date.now(), model.lastUpdatedTime) }).where(eq(loggedModels.id, model.id));
    await recordAudit(tx, actor, 'logged_model.finalize', { type: 'logged_model', id: model.id }, { before: { status: model.status }, after: { status: input.status } });
    return loadLoggedModelView(tx, model.id);
  },
});

/** Marks the model deleted (MLflow keeps the row); it disappears from get and search. */
export const deleteLoggedModel = defineService({
  name: 'logged_models.delete',
  permission: 'run.delete',
  input: LoggedModelRef,
  async run({ tx, actor }, input) {
    const { model } = await loadLoggedModelForWrite(tx, actor, input.id, 'run.delete');
    await tx.update(loggedModels).set({ lifecycleStage: 'deleted', lastUpdatedTime: Math.max(Date.now(), model.lastUpdatedTime) }).where(eq(loggedModels.id, model.id));
    await recordAudit(tx, actor, 'logged_model.delete', { type: 'logged_model', id: model.id }, { before: { lifecycleStage: 'active' }, after: { lifecycleStage: 'deleted' } });
    return { id: model.id };
  },
});

export const setLoggedModelTags = defineService({
  name: 'logged_models.set_tags',
  permission: 'run.update',
  input: SetLoggedModelTagsInput,
  async run({ tx, actor }, input) {
    const { model } = await loadLoggedModelForWrite(tx, actor, input.id, 'run.update');
    const before = await writeLoggedModelTags(tx, model.id, input.tags);
    const after = Object.fromEntries(input.tags.map((t) => [t.key, t.value]));
    await recordAudit(tx, actor, 'logged_model.set_tags', { type: 'logged_model', id: model.id }, { before: { tags: before }, after: { tags: after } });
    return { id: model.id, tags: after };
  },
});

export const deleteLoggedModelTag = defineService({
  name: 'logged_models.delete_tag',
  permission: 'run.update',
  input: DeleteLoggedModelTagInput,
  async run({ tx, actor }, input) {
    const { model } = await loadLoggedModelForWrite(tx, actor, input.id, 'run.update');
    const [old] = await tx
      .delete(loggedModelTags)
      .where(and(eq(loggedModelTags.modelId, model.id), eq(loggedModelTags.key, input.key)))
      .returning();
    if (!old) {
      const e = new NotFoundError('Tag', input.key);
      e.message = `No tag with key ${pythonRepr(input.key)} found for model with ID ${pythonRepr(model.id)}.`;
      throw e;
    }
    await recordAudit(tx, actor, 'logged_model.delete_tag', { type: 'logged_model', id: model.id }, { before: { key: old.key, value: old.value }, after: { key: old.key, value: null } });
    return { id: model.id, key: old.key };
  },
});

export const logLoggedModelParams = defineService({
  name: 'logged_models.log_params',
  permission: 'run.update',
  input: LogLoggedModelParamsInput,
  async run({ tx, actor }, input) {
    const { model } = await loadLoggedModelForWrite(tx, actor, input.id, 'run.update');
    await writeLoggedModelParams(tx, model.id, input.params);
    const params = Object.fromEntries(input.params.map((p) => [p.key, p.value]));
    await recordAudit(tx, actor, 'logged_model.log_params', { type: 'logged_model', id: model.id }, { after: { params } });
    return { id: model.id, params };
  },
});
