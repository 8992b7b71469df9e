import 'server-only';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { getRunRow, loadRunForWrite } from '@/lib/experiments/access';
import { RunId } from '@/lib/experiments/schemas';
import { defineService } from '@/lib/services/define-service';
import { joinArtifactPath, normalizeArtifactPath, parseModelArtifactPath, parseRunArtifactPath, runArtifactStorePath, runArtifactUri } from './artifact-path';
import type { ArtifactEntry, ArtifactObject } from './artifact-store';
import { getArtifactStore } from './local-artifact-store';
import { deleteModelArtifacts, uploadModelArtifact } from './model-artifacts';
import { maxUploadBytes } from './upload-limit';

/*
 * Artifacts of runs. Reading is open to every signed-in role; writing needs `run.update` rights on the
 * run's experiment (owner, EDIT grant, admin), checked by the same `loadRunForWrite` the tracking services
 * use. File bytes cannot live in a database transaction, so an upload is three steps: authorize (short
 * transaction), stream into the store (no transaction held open for the length of an upload), then record
 * `artifact.upload` in the audit chain after re-checking the rights; if that last step fails, the file is removed.
 */

const RunArtifactRef = z.object({ runId: RunId, path: z.string().max(4096).default('') });

/** Rights check before any byte is stored; returns where the run's artifacts live. */
export const authorizeArtifactWrite = defineService({
  name: 'artifacts.authorize_write',
  permission: 'run.update',
  input: z.object({ runId: RunId }),
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.runId, 'run.update');
    return { runId: run.id, experimentId: String(run.experimentId), root: runArtifactStorePath(run) };
  },
});

export const recordArtifactWrite = defineService({
  name: 'artifacts.record_write',
  permission: 'run.update',
  input: z.object({ runId: RunId, action: z.enum(['artifact.upload', 'artifact.delete']), path: z.string(), size: z.number().int().min(0) }),
  async run({ tx, actor }, input) {
    await loadRunForWrite(tx, actor, input.runId, 'run.update');
    await recordAudit(tx, actor, input.action, { type: 'run', id: input.runId }, { after: { path: input.path, ...(input.action === 'artifact.upload' ? { size: input.size } : { files: input.size }) } });
    return { path: input.path, size: input.size };
  },
});

async function storeAndRecord(actor: Actor, runId: string, storePath: string, relative: string, body: Readable | ReadableStream<Uint8Array>) {
  const store = getArtifactStore();
  const { size } = await store.put(storePath, body, { maxBytes: maxUploadBytes() });
  try {
    return await recordArtifactWrite(actor, { runId, action: 'artifact.upload', path: relative, size });
  } catch (e) {
    await store.deletePrefix(storePath).catch(() => undefined);
    throw e;
  }
}

function refuseOutsideRun(path: string): never {
  throw new ValidationError(
    `Artifact path '${path}': uploads go under <experiment_id>/<run_id>/artifacts/ of an existing run or <experiment_id>/models/<model_id>/artifacts/ of an existing logged model.`,
    [{ path: 'path', message: 'not inside a run’s or logged model’s artifact root' }],
    'invalid_artifact_path',
  );
}

/**
 * An upload through the MLflow artifacts proxy: the store path names experiment and run, or experiment
 * and logged model (model-artifacts.ts authorizes those by the model's experiment).
 */
export async function uploadArtifactAtStorePath(actor: Actor, rawPath: string, body: Readable | ReadableStream<Uint8Array>) {
  const path = normalizeArtifactPath(rawPath);
  const model = parseModelArtifactPath(path);
  if (model) return uploadModelArtifact(actor, path, model, body);
  const loc = parseRunArtifactPath(path);
  if (!loc || !loc.relative) refuseOutsideRun(path);
  const target = await authorizeArtifactWrite(actor, { runId: loc.runId });
  if (!path.startsWith(`${target.root}/`)) refuseOutsideRun(path);
  return storeAndRecord(actor, loc.runId, path, loc.relative, body);
}

/** An upload to a path inside the run's artifact root (the /api/v1 door). */
export async function uploadRunArtifact(actor: Actor, input: { runId: string; path: string }, body: Readable | ReadableStream<Uint8Array>) {
  const relative = normalizeArtifactPath(input.path);
  if (!relative) throw new ValidationError('An artifact needs a file name.', [{ path: 'path', message: 'required' }]);
  const target = await authorizeArtifactWrite(actor, { runId: input.runId });
  return storeAndRecord(actor, target.runId, joinArtifactPath(target.root, relative), relative, body);
}

/** Removes a file or folder of a run's (or logged model's) artifacts through the MLflow artifacts proxy (DELETE). */
export async function deleteArtifactsAtStorePath(actor: Actor, rawPath: string) {
  const path = normalizeArtifactPath(rawPath);
  const model = parseModelArtifactPath(path);
  if (model) return deleteModelArtifacts(actor, path, model);
  const loc = parseRunArtifactPath(path);
  if (!loc) refuseOutsideRun(path);
  const target = await authorizeArtifactWrite(actor, { runId: loc.runId });
  if (path !== target.root && !path.startsWith(`${target.root}/`)) refuseOutsideRun(path);
  const files = await getArtifactStore().deletePrefix(path);
  await recordArtifactWrite(actor, { runId: loc.runId, action: 'artifact.delete', path: loc.relative, size: files });
  return { files };
}

export interface RunArtifactListing {
  runId: string;
  rootUri: string;
  /** Paths relative to the run's artifact root. */
  files: ArtifactEntry[];
}

/** Direct children of a folder of the run's artifacts (the root when `path` is empty). */
export const listRunArtifacts = defineService({
  name: 'artifacts.list',
  permission: 'read',
  input: RunArtifactRef,
  async run({ tx }, input): Promise<RunArtifactListing> {
    const run = await getRunRow(tx, input.runId);
    const root = runArtifactStorePath(run);
    const relative = normalizeArtifactPath(input.path);
    const entries = await getArtifactStore().list(joinArtifactPath(root, relative));
    return {
      runId: run.id,
      rootUri: run.artifactUri ?? runArtifactUri(run.experimentId, run.id),
      files: entries.map((e) => ({ ...e, path: e.path.slice(root.length + 1) })),
    };
  },
});

/** Opens one artifact file of a run for streaming. */
export const openRunArtifact = defineService({
  name: 'artifacts.open',
  permission: 'read',
  input: RunArtifactRef,
  async run({ tx }, input): Promise<ArtifactObject & { path: string }> {
    const run = await getRunRow(tx, input.runId);
    const relative = normalizeArtifactPath(input.path);
    if (!relative) throw new ValidationError('Give the path of an artifact file.', [{ path: 'path', message: 'required' }]);
    return { ...(await getArtifactStore().get(joinArtifactPath(runArtifactStorePath(run), relative))), path: relative };
  },
});

const StorePathRef = z.object({ path: z.string().max(4096).default('') });

/** The MLflow artifacts proxy's listing: direct children of a store folder, by base name. */
export const listStoreArtifacts = defineService({
  name: 'artifacts.list_store',
  permission: 'read',
  input: StorePathRef,
  async run(_ctx, input): Promise<ArtifactEntry[]> {
    return getArtifactStore().list(normalizeArtifactPath(input.path));
  },
});

export const openStoreArtifact = defineService({
  name: 'artifacts.open_store',
  permission: 'read',
  input: StorePathRef,
  async run(_ctx, input): Promise<ArtifactObject & { path: string }> {
    const path = normalizeArtifactPath(input.path);
    return { ...(await getArtifactStore().get(path)), path };
  },
});
