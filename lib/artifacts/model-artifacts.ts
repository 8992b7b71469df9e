import 'server-only';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { loggedModels } from '@/db/schema/logged-models';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { LoggedModelId } from '@/lib/experiments/logged-model-schemas';
import { loadLoggedModelForWrite, loggedModelNotFound } from '@/lib/experiments/logged-model-rows';
import { defineService } from '@/lib/services/define-service';
import { joinArtifactPath, normalizeArtifactPath, proxiedStorePath, type ModelArtifactLocation } from './artifact-path';
import type { ArtifactEntry } from './artifact-store';
import { getArtifactStore } from './local-artifact-store';
import { maxUploadBytes } from './upload-limit';

/*
 * Files of MLflow 3 logged models kept at their experiment's location, `<experiment>/models/<model_id>/artifacts/…`
 * (models logged without a run: `log_model` outside `start_run`, `create_external_model`, `initialize_logged_model`).
 * Rights are the model's experiment's: writing needs what creating a run there needs (`run.create`: owner,
 * EDIT grant, admin); reading is open to every signed-in role, as for runs. An upload takes the same three
 * steps as a run's (run-artifacts.ts): authorize, stream into the store outside any transaction, then
 * re-check and record `artifact.upload` on the model in the audit chain, removing the file if that fails.
 */

const ModelArtifactWrite = z.object({ modelId: LoggedModelId });

/** Rights check before any byte is stored; returns where the model's files live (null when not behind the proxy). */
export const authorizeModelArtifactWrite = defineService({
  name: 'artifacts.authorize_model_write',
  permission: 'run.create',
  input: ModelArtifactWrite,
  async run({ tx, actor }, input) {
    const { model } = await loadLoggedModelForWrite(tx, actor, input.modelId, 'run.create');
    return { modelId: model.id, experimentId: String(model.experimentId), root: proxiedStorePath(model.artifactLocation) };
  },
});

export const recordModelArtifactWrite = defineService({
  name: 'artifacts.record_model_write',
  permission: 'run.create',
  input: ModelArtifactWrite.extend({ action: z.enum(['artifact.upload', 'artifact.delete']), path: z.string(), size: z.number().int().min(0) }),
  async run({ tx, actor }, input) {
    await loadLoggedModelForWrite(tx, actor, input.modelId, 'run.create');
    const after = { path: input.path, ...(input.action === 'artifact.upload' ? { size: input.size } : { files: input.size }) };
    await recordAudit(tx, actor, input.action, { type: 'logged_model', id: input.modelId }, { after });
    return { path: input.path, size: input.size };
  },
});

function refuseOutsideModel(path: string): never {
  throw new ValidationError(`Artifact path '${path}' is not inside the artifact location of the logged model it names.`, [{ path: 'path', message: 'not inside the logged model’s artifact root' }], 'invalid_artifact_path');
}

/** Authorizes a write at `path` (a normalized store path inside `loc`) and checks it is the model's own location. */
async function authorizeAt(actor: Actor, path: string, loc: ModelArtifactLocation) {
  const target = await authorizeModelArtifactWrite(actor, { modelId: loc.modelId });
  if (!target.root || (path !== target.root && !path.startsWith(`${target.root}/`))) refuseOutsideModel(path);
  return target;
}

/** An upload through the MLflow artifacts proxy to a logged model's experiment-level location. */
export async function uploadModelArtifact(actor: Actor, path: string, loc: ModelArtifactLocation, body: Readable | ReadableStream<Uint8Array>) {
  if (!loc.relative) refuseOutsideModel(path);
  await authorizeAt(actor, path, loc);
  const store = getArtifactStore();
  const { size } = await store.put(path, body, { maxBytes: maxUploadBytes() });
  try {
    return await recordModelArtifactWrite(actor, { modelId: loc.modelId, action: 'artifact.upload', path: loc.relative, size });
  } catch (e) {
    await store.deletePrefix(path).catch(() => undefined);
    throw e;
  }
}

/** Removes a file or folder of a logged model's files through the MLflow artifacts proxy (DELETE). */
export async function deleteModelArtifacts(actor: Actor, path: string, loc: ModelArtifactLocation) {
  await authorizeAt(actor, path, loc);
  const files = await getArtifactStore().deletePrefix(path);
  await recordModelArtifactWrite(actor, { modelId: loc.modelId, action: 'artifact.delete', path: loc.relative, size: files });
  return { files };
}

export interface ModelArtifactListing {
  modelId: string;
  rootUri: string;
  /** Paths relative to the model's artifact root. */
  files: ArtifactEntry[];
}

/**
 * Direct children of a folder of a logged model's files (the root when `path` is empty), wherever the
 * model's location is in the store (its experiment's folder, or its source run's). A location outside the
 * proxy lists nothing here.
 */
export const listLoggedModelArtifacts = defineService({
  name: 'artifacts.list_model',
  permission: 'read',
  input: z.object({ modelId: LoggedModelId, path: z.string().max(4096).default('') }),
  async run({ tx }, input): Promise<ModelArtifactListing> {
    const [model] = await tx
      .select({ id: loggedModels.id, artifactLocation: loggedModels.artifactLocation })
      .from(loggedModels)
      .where(and(eq(loggedModels.id, input.modelId), eq(loggedModels.lifecycleStage, 'active')));
    if (!model) throw loggedModelNotFound(input.modelId);
    const relative = normalizeArtifactPath(input.path);
    const root = proxiedStorePath(model.artifactLocation);
    if (root === null) return { modelId: model.id, rootUri: model.artifactLocation, files: [] };
    const entries = await getArtifactStore().list(joinArtifactPath(root, relative));
    return { modelId: model.id, rootUri: model.artifactLocation, files: entries.map((e) => ({ ...e, path: e.path.slice(root.length + 1) })) };
  },
});
