import 'server-only';
import { createModel } from '@/lib/registry/create-model';
import { deleteAlias } from '@/lib/registry/delete-alias';
import { deleteModel } from '@/lib/registry/delete-model';
import { getVersionByAlias } from '@/lib/registry/get-version';
import { getModel } from '@/lib/registry/get-model';
import { listVersions } from '@/lib/registry/list-versions';
import { renameModel } from '@/lib/registry/rename-model';
import { searchModels } from '@/lib/registry/search-models';
import { setAlias } from '@/lib/registry/set-alias';
import { deleteModelTag, setModelTag, updateModel } from '@/lib/registry/update-model';
import { MODEL_STAGES } from '@/db/schema/registry';
import type { MlflowContext } from './mlflow';
import { canonicalStage, refuseOrderBy, registeredModelFilter } from './mlflow-registry-input';
import { toMlflowModelVersion, toMlflowRegisteredModel } from './mlflow-registry-views';
import { keyValueList, optionalInt, optionalString, queryToObject, requiredString, stringList, type MlflowInput } from './mlflow-request';

/*
 * Registered-model endpoints of MLflow's registry API (model_registry.proto ModelRegistryService), each a
 * translation of names around one lib/registry service. Request fields as
 * mlflow/store/model_registry/rest_store.py sends them.
 */

/** DELETE bodies are JSON as the client sends them; a query string is read too, for clients that send one. */
export function deleteInput({ input, request }: MlflowContext): MlflowInput {
  return { ...queryToObject(new URL(request.url).searchParams), ...input };
}

const tagsRecord = (tags: { key: string; value: string }[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/** POST /mlflow/registered-models/create {name, tags?, description?} → {registered_model} (create_registered_model) */
export async function mlflowCreateRegisteredModel({ actor, input }: MlflowContext) {
  const tags = keyValueList(input, 'tags');
  const model = await createModel(actor, { name: requiredString(input, 'name'), description: optionalString(input, 'description') || undefined, tags: tags.length ? tagsRecord(tags) : undefined });
  return { registered_model: toMlflowRegisteredModel(model) };
}

/** GET /mlflow/registered-models/get?name= → {registered_model} (get_registered_model) */
export async function mlflowGetRegisteredModel({ actor, input }: MlflowContext) {
  return { registered_model: toMlflowRegisteredModel(await getModel(actor, { name: requiredString(input, 'name') })) };
}

/** POST /mlflow/registered-models/rename {name, new_name} → {registered_model} (rename_registered_model) */
export async function mlflowRenameRegisteredModel({ actor, input }: MlflowContext) {
  return { registered_model: toMlflowRegisteredModel(await renameModel(actor, { name: requiredString(input, 'name'), newName: requiredString(input, 'new_name') })) };
}

/** PATCH /mlflow/registered-models/update {name, description} → {registered_model} (update_registered_model) */
export async function mlflowUpdateRegisteredModel({ actor, input }: MlflowContext) {
  return { registered_model: toMlflowRegisteredModel(await updateModel(actor, { name: requiredString(input, 'name'), description: optionalString(input, 'description') ?? null })) };
}

/** DELETE /mlflow/registered-models/delete {name} → {} (delete_registered_model) */
export async function mlflowDeleteRegisteredModel(ctx: MlflowContext) {
  await deleteModel(ctx.actor, { name: requiredString(deleteInput(ctx), 'name') });
  return {};
}

/** MLflow's default page size for registered model search (SEARCH_REGISTERED_MODEL_MAX_RESULTS_DEFAULT); the service pages by at most 200. */
const MODELS_PAGE = 100;
const MODELS_PAGE_MAX = 200;

/** GET /mlflow/registered-models/search?filter&max_results&order_by&page_token → {registered_models, next_page_token?} */
export async function mlflowSearchRegisteredModels({ actor, input }: MlflowContext) {
  refuseOrderBy(stringList(input, 'order_by'), 'registered models', /^(?:attributes?\.)?name(?:\s+ASC)?$/i);
  const { q, exact } = registeredModelFilter(optionalString(input, 'filter'));
  const page = await searchModels(actor, {
    q,
    pageSize: Math.min(optionalInt(input, 'max_results') || MODELS_PAGE, MODELS_PAGE_MAX),
    pageToken: optionalString(input, 'page_token') || undefined,
  });
  const models = exact === undefined ? page.models : page.models.filter((m) => m.name === exact);
  return {
    ...(models.length ? { registered_models: models.map(toMlflowRegisteredModel) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/** POST (or GET) /mlflow/registered-models/get-latest-versions {name, stages?} → {model_versions}: the newest version of each stage asked (all stages when none). */
export async function mlflowGetLatestVersions({ actor, input }: MlflowContext) {
  const name = requiredString(input, 'name');
  const asked = stringList(input, 'stages');
  const stages = asked.length ? [...new Set(asked.map((s) => canonicalStage(s, 'stages')))] : [...MODEL_STAGES];
  await getModel(actor, { name });
  const latest = [];
  for (const stage of stages) {
    const page = await listVersions(actor, { name, stage, pageSize: 1 });
    if (page.versions[0]) latest.push(page.versions[0]);
  }
  latest.sort((a, b) => a.version - b.version);
  return latest.length ? { model_versions: latest.map(toMlflowModelVersion) } : {};
}

/** POST /mlflow/registered-models/set-tag {name, key, value} → {} */
export async function mlflowSetRegisteredModelTag({ actor, input }: MlflowContext) {
  await setModelTag(actor, { name: requiredString(input, 'name'), key: requiredString(input, 'key'), value: optionalString(input, 'value') ?? '' });
  return {};
}

/** DELETE /mlflow/registered-models/delete-tag {name, key} → {} */
export async function mlflowDeleteRegisteredModelTag(ctx: MlflowContext) {
  const input = deleteInput(ctx);
  await deleteModelTag(ctx.actor, { name: requiredString(input, 'name'), key: requiredString(input, 'key') });
  return {};
}

/** POST /mlflow/registered-models/alias {name, alias, version} → {} (protected aliases: 400 INVALID_PARAMETER_VALUE, alias_protected) */
export async function mlflowSetRegisteredModelAlias({ actor, input }: MlflowContext) {
  await setAlias(actor, { name: requiredString(input, 'name'), alias: requiredString(input, 'alias'), version: Number(requiredString(input, 'version')) });
  return {};
}

/** DELETE /mlflow/registered-models/alias {name, alias} → {} */
export async function mlflowDeleteRegisteredModelAlias(ctx: MlflowContext) {
  const input = deleteInput(ctx);
  await deleteAlias(ctx.actor, { name: requiredString(input, 'name'), alias: requiredString(input, 'alias') });
  return {};
}

/** GET /mlflow/registered-models/alias?name&alias (also served as /mlflow/model-versions/get-by-alias) → {model_version} */
export async function mlflowGetModelVersionByAlias({ actor, input }: MlflowContext) {
  return { model_version: toMlflowModelVersion(await getVersionByAlias(actor, { name: requiredString(input, 'name'), alias: requiredString(input, 'alias') })) };
}
