import { ValidationError } from '@/lib/errors';

/*
 * Artifact paths are POSIX paths relative to the store's root (`<experiment>/<run>/artifacts/model/MLmodel`).
 * They come from URLs and query strings, so anything that could leave the root is refused here, before
 * any file system call: `..` segments, absolute paths, drive letters, backslashes and NUL. Symlinks that
 * lead outside are the store's check, since only the file system knows them.
 */

function refuse(path: string, why: string): ValidationError {
  return new ValidationError(`Invalid artifact path '${path.replace(/\0/g, '\\0')}': ${why}.`, [{ path: 'path', message: why }], 'invalid_artifact_path');
}

/** The path cleaned (`a//b/./c/` → `a/b/c`), or '' for the root. Throws ValidationError when unsafe. */
export function normalizeArtifactPath(raw: string | null | undefined): string {
  const path = raw ?? '';
  if (path.includes('\0')) throw refuse(path, 'it contains a NUL character');
  if (path.includes('\\')) throw refuse(path, 'use forward slashes');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw refuse(path, 'it must be relative');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' || decodeURIComponentSafe(part) === '..') throw refuse(path, "'..' is not allowed");
    parts.push(part);
  }
  return parts.join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function joinArtifactPath(...parts: (string | null | undefined)[]): string {
  return normalizeArtifactPath(parts.filter((p) => p).join('/'));
}

export interface RunArtifactLocation {
  experimentId: string;
  runId: string;
  /** The path inside the run's artifact root ('' for the root itself). */
  relative: string;
}

const RUN_ROOT = /^(\d{1,15})\/([0-9a-f]{32})\/artifacts(?:\/(.*))?$/;

/** `<experiment_id>/<run_id>/artifacts/<rest>` → its parts; null for paths outside any run's artifact root. */
export function parseRunArtifactPath(normalized: string): RunArtifactLocation | null {
  const m = RUN_ROOT.exec(normalized);
  return m ? { experimentId: m[1], runId: m[2], relative: m[3] ?? '' } : null;
}

export interface ModelArtifactLocation {
  experimentId: string;
  modelId: string;
  /** The path inside the model's artifact root ('' for the root itself). */
  relative: string;
}

const MODEL_ROOT = /^(\d{1,15})\/models\/(m-[0-9a-f]{32})\/artifacts(?:\/(.*))?$/;

/**
 * `<experiment_id>/models/<model_id>/artifacts/<rest>` → its parts; null otherwise. This is where MLflow 3
 * puts a logged model's files under its experiment's location (`<experiment artifact location>/models/<id>/artifacts`).
 */
export function parseModelArtifactPath(normalized: string): ModelArtifactLocation | null {
  const m = MODEL_ROOT.exec(normalized);
  return m ? { experimentId: m[1], modelId: m[2], relative: m[3] ?? '' } : null;
}

/** The store path an `mlflow-artifacts:` URI (`mlflow-artifacts:/…`, `mlflow-artifacts://host/…`) names; null for other schemes. */
export function proxiedStorePath(uri: string | null | undefined): string | null {
  const m = uri ? /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(uri) : null;
  return m ? normalizeArtifactPath(m[1]) : null;
}

/** The store path of a run's artifact root. */
export function runArtifactRoot(experimentId: string | number, runId: string): string {
  return `${experimentId}/${runId}/artifacts`;
}

/** The URI MLflow clients resolve through the mlflow-artifacts proxy API. */
export function runArtifactUri(experimentId: string | number, runId: string): string {
  return `mlflow-artifacts:/${runArtifactRoot(experimentId, runId)}`;
}

/**
 * Where a run's artifacts live in the store, from its recorded artifact URI (`mlflow-artifacts:/…`,
 * `mlflow-artifacts://host/…`) or, when it has none or another scheme, from its experiment and id.
 */
export function runArtifactStorePath(run: { id: string; experimentId: string | number; artifactUri: string | null }): string {
  return proxiedStorePath(run.artifactUri) ?? runArtifactRoot(run.experimentId, run.id);
}
