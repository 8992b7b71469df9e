import 'server-only';
import { ForbiddenError } from '@/lib/errors';
import { getRun } from '@/lib/experiments/get-run';
import { getLoggedModelArtifactLocation } from '@/lib/experiments/search-logged-models';
import { createVersion } from '@/lib/registry/create-version';
import { deleteVersion } from '@/lib/registry/delete-version';
import { getVersion } from '@/lib/registry/get-version';
import { requestTransition } from '@/lib/registry/request-transition';
import { searchVersions } from '@/lib/registry/search-versions';
import { deleteVersionTag, setVersionTag, updateVersion } from '@/lib/registry/update-version';
import type { MlflowContext } from './mlflow';
import { deleteInput } from './mlflow-registry-models';
import { canonicalStage, modelVersionFilter, refuseOrderBy } from './mlflow-registry-input';
import { toMlflowModelVersion } from './mlflow-registry-views';
import { keyValueList, optionalInt, optionalString, requiredString, stringList, type MlflowInput } from './mlflow-request';

/*
 * Model-version endpoints of MLflow's registry API (model_registry.proto), each around one lib/registry
 * service. A version is addressed by model name and version number, the number sent as a string.
 */

const versionRef = (input: MlflowInput) => ({ name: requiredString(input, 'name'), version: Number(requiredString(input, 'version')) });

/**
 * POST /mlflow/model-versions/create {name, source, run_id?, tags?, run_link?, description?, model_id?} → {model_version}
 * (create_model_version). MLflow 3's register_model sends a logged model as `model_id` with `source`
 * `models:/m-…` (or the resolved artifact URI); the version records it and its source run.
 */
export async function mlflowCreateModelVersion({ actor, input }: MlflowContext) {
  const tags = keyValueList(input, 'tags');
  const version = await createVersion(actor, {
    name: requiredString(input, 'name'),
    source: optionalString(input, 'source') || undefined,
    runId: optionalString(input, 'run_id') || undefined,
    loggedModelId: optionalString(input, 'model_id') || undefined,
    description: optionalString(input, 'description') || undefined,
    tags: tags.length ? Object.fromEntries(tags.map((t) => [t.key, t.value])) : undefined,
  });
  return { model_version: toMlflowModelVersion(version) };
}

/** GET /mlflow/model-versions/get?name&version → {model_version} */
export async function mlflowGetModelVersion({ actor, input }: MlflowContext) {
  return { model_version: toMlflowModelVersion(await getVersion(actor, versionRef(input))) };
}

/** PATCH /mlflow/model-versions/update {name, version, description} → {model_version} */
export async function mlflowUpdateModelVersion({ actor, input }: MlflowContext) {
  const description = optionalString(input, 'description');
  return { model_version: toMlflowModelVersion(await updateVersion(actor, { ...versionRef(input), ...(description !== undefined ? { description } : {}) })) };
}

/** DELETE /mlflow/model-versions/delete {name, version} → {} */
export async function mlflowDeleteModelVersion(ctx: MlflowContext) {
  await deleteVersion(ctx.actor, versionRef(deleteInput(ctx)));
  return {};
}

/** MLflow's client pages model versions itself; the service answers at most 500 a page. */
const VERSIONS_PAGE_MAX = 500;
const VERSIONS_PAGE = 100;

/** GET /mlflow/model-versions/search?filter&max_results&order_by&page_token → {model_versions, next_page_token?} */
export async function mlflowSearchModelVersions({ actor, input }: MlflowContext) {
  refuseOrderBy(stringList(input, 'order_by'), 'model versions');
  const page = await searchVersions(actor, {
    ...modelVersionFilter(optionalString(input, 'filter')),
    pageSize: Math.min(optionalInt(input, 'max_results') || VERSIONS_PAGE, VERSIONS_PAGE_MAX),
    pageToken: optionalString(input, 'page_token') || undefined,
  });
  return {
    ...(page.versions.length ? { model_versions: page.versions.map(toMlflowModelVersion) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/**
 * POST /mlflow/model-versions/transition-stage {name, version, stage, archive_existing_versions} → {model_version}.
 * MLflow moves the version at once; here it is a request. Where the policy asks for no approval it is
 * applied and the moved version is returned; otherwise the request stays pending for an approver and the
 * caller gets 403 PERMISSION_DENIED naming it, so no client believes the stage changed.
 */
export async function mlflowTransitionModelVersionStage({ actor, input }: MlflowContext) {
  const ref = versionRef(input);
  const archive = input.archive_existing_versions;
  const result = await requestTransition(actor, {
    ...ref,
    kind: 'stage',
    target: canonicalStage(requiredString(input, 'stage')),
    ...(archive === undefined || archive === null ? {} : { archiveExisting: archive === true || String(archive).toLowerCase() === 'true' }),
    comment: optionalString(input, 'comment') || undefined,
  });
  if (!result.applied) {
    const r = result.request;
    throw new ForbiddenError(
      'approval_required',
      `Moving ${r.modelName} version ${r.version} to ${r.target} needs ${r.requiredApprovals} approval(s); transition request ${r.id} was created and waits for an approver. The version stays in ${r.stageAtRequest}.`,
    );
  }
  return { model_version: toMlflowModelVersion(await getVersion(actor, ref)) };
}

/** POST /mlflow/model-versions/set-tag {name, version, key, value} → {} */
export async function mlflowSetModelVersionTag({ actor, input }: MlflowContext) {
  await setVersionTag(actor, { ...versionRef(input), key: requiredString(input, 'key'), value: optionalString(input, 'value') ?? '' });
  return {};
}

/** DELETE /mlflow/model-versions/delete-tag {name, version, key} → {} */
export async function mlflowDeleteModelVersionTag(ctx: MlflowContext) {
  const input = deleteInput(ctx);
  await deleteVersionTag(ctx.actor, { ...versionRef(input), key: requiredString(input, 'key') });
  return {};
}

/**
 * GET /mlflow/model-versions/get-download-uri?name&version → {artifact_uri}. A `runs:/<run>/<path>` source
 * is resolved to the run's artifact location and a `models:/m-…` source to the logged model's, as MLflow
 * stores them at registration.
 */
export async function mlflowGetModelVersionDownloadUri({ actor, input }: MlflowContext) {
  const version = await getVersion(actor, versionRef(input));
  const source = version.source ?? '';
  if (version.loggedModelId && source.startsWith('models:/')) {
    return { artifact_uri: (await getLoggedModelArtifactLocation(actor, { id: version.loggedModelId })).artifactLocation };
  }
  const m = /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (m) {
    const run = await getRun(actor, { id: m[1] });
    if (run.artifactUri) return { artifact_uri: m[2] ? `${run.artifactUri.replace(/\/+$/, '')}/${m[2]}` : run.artifactUri };
  }
  return { artifact_uri: source };
}
