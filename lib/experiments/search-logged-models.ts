import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { loggedModels } from '@/db/schema/logged-models';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { ValidationError } from '@/lib/errors';
import { SearchSyntaxError } from '@/lib/search/ast';
import { compareNumber, compareString } from '@/lib/search/compile-filter';
import { defineService } from '@/lib/services/define-service';
import { loggedModelAttribute, parseLoggedModelFilter, type LoggedModelAttribute, type LoggedModelComparison } from './logged-model-filter';
import { loadLoggedModelView, loadLoggedModelViews, loggedModelNotFound } from './logged-model-rows';
import { LoggedModelRef, SearchLoggedModelsInput, type LoggedModelView } from './logged-model-schemas';

/** Any signed-in role may read logged models, as runs (DESIGN.md); deleted ones are not found. */
export const getLoggedModel = defineService({
  name: 'logged_models.get',
  permission: 'read',
  input: LoggedModelRef,
  async run({ tx }, input) {
    const [row] = await tx.select({ id: loggedModels.id }).from(loggedModels).where(and(eq(loggedModels.id, input.id), eq(loggedModels.lifecycleStage, 'active')));
    if (!row) throw loggedModelNotFound(input.id);
    return loadLoggedModelView(tx, input.id);
  },
});

/**
 * Where a logged model's files are, deleted or not (a registered version keeps pointing at them, as MLflow
 * stores the location with the version); 404 only when the row is gone.
 */
export const getLoggedModelArtifactLocation = defineService({
  name: 'logged_models.get_artifact_location',
  permission: 'read',
  input: LoggedModelRef,
  async run({ tx }, input) {
    const [row] = await tx.select({ id: loggedModels.id, artifactLocation: loggedModels.artifactLocation }).from(loggedModels).where(eq(loggedModels.id, input.id));
    if (!row) throw loggedModelNotFound(input.id);
    return row;
  },
});

const COLUMN: Record<LoggedModelAttribute, SQL> = {
  name: sql`m.name`,
  model_id: sql`m.id`,
  model_type: sql`m.model_type`,
  status: sql`m.status`,
  source_run_id: sql`m.source_run_id`,
  creation_time: sql`m.creation_time`,
  last_updated_time: sql`m.last_updated_time`,
};

type DatasetRef = { name: string; digest?: string };

/** `mm` is a point on one of the datasets (no restriction when none is given). */
function onDatasets(datasets: DatasetRef[]): SQL {
  if (datasets.length === 0) return sql`true`;
  return sql`(${sql.join(
    datasets.map((d) => (d.digest ? sql`(mm.dataset_name = ${d.name} and mm.dataset_digest = ${d.digest})` : sql`mm.dataset_name = ${d.name}`)),
    sql` or `,
  )})`;
}

/** The model's latest value of a metric for ordering: latest timestamp, then highest step (MLflow's rank in its store). */
const latestMetric = (key: string, datasets: DatasetRef[]) =>
  sql`(select mm.value from logged_model_metrics mm where mm.model_id = m.id and mm.key = ${key} and ${onDatasets(datasets)} order by mm.timestamp desc, mm.step desc limit 1)`;

/** MLflow's status enum names are accepted beside ours (`LOGGED_MODEL_READY`, `LOGGED_MODEL_UPLOAD_FAILED`). */
function statusValue(v: string): string {
  const names: Record<string, string> = { LOGGED_MODEL_PENDING: 'PENDING', LOGGED_MODEL_READY: 'READY', LOGGED_MODEL_UPLOAD_FAILED: 'FAILED' };
  return names[v] ?? v;
}

function condition(c: LoggedModelComparison, datasets: DatasetRef[]): SQL {
  switch (c.entity) {
    case 'metric':
      // As MLflow's store: a model matches when any point of the metric (on the given datasets) does.
      return sql`exists (select 1 from logged_model_metrics mm where mm.model_id = m.id and mm.key = ${c.key} and ${compareNumber(sql`mm.value`, c.op, c.value)} and ${onDatasets(datasets)})`;
    case 'param':
      return sql`exists (select 1 from logged_model_params p where p.model_id = m.id and p.key = ${c.key} and ${compareString(sql`p.value`, c.op, c.value)})`;
    case 'tag':
      return sql`exists (select 1 from logged_model_tags t where t.model_id = m.id and t.key = ${c.key} and ${compareString(sql`t.value`, c.op, c.value)})`;
    case 'attribute': {
      const column = COLUMN[c.key as LoggedModelAttribute];
      if (c.key === 'creation_time' || c.key === 'last_updated_time') return compareNumber(column, c.op, c.value);
      const value = c.key === 'status' ? (Array.isArray(c.value) ? c.value.map(statusValue) : statusValue(String(c.value))) : c.value;
      return compareString(column, c.op, value);
    }
  }
}

/**
 * MLflow's search of logged models: in the given experiments, filtered (metric filters and `datasets`
 * as MLflow's store applies them), ordered by the given fields (attributes, or `metrics.<key>` by the
 * latest value, optionally on one dataset; missing values last) then newest first and by id, paged by an
 * offset token bound to the query it came from (a token from another query is refused, as MLflow does).
 */
export const searchLoggedModels = defineService({
  name: 'logged_models.search',
  permission: 'read',
  input: SearchLoggedModelsInput,
  async run({ tx }, input): Promise<{ models: LoggedModelView[]; nextPageToken: string | null }> {
    let comparisons: LoggedModelComparison[];
    try {
      comparisons = parseLoggedModelFilter(input.filter);
    } catch (e) {
      if (e instanceof SearchSyntaxError) throw new ValidationError(e.message, [{ path: 'filter', message: e.message }]);
      throw e;
    }
    const order: SQL[] = [];
    let hasCreation = false;
    for (const ob of input.orderBy) {
      let term: SQL;
      if (ob.field.startsWith('metrics.')) {
        const datasets = ob.datasetName ? [{ name: ob.datasetName, digest: ob.datasetDigest }] : [];
        term = latestMetric(ob.field.slice('metrics.'.length), datasets);
      } else if (ob.datasetName || ob.datasetDigest) {
        throw new ValidationError(`Invalid order by field name: ${ob.field}. A dataset can only be given for a metric.`, [{ path: 'order_by', message: 'dataset only for metrics' }]);
      } else {
        const attribute = loggedModelAttribute(ob.field);
        if (!attribute) throw new ValidationError(`Invalid order by field name: ${ob.field}`, [{ path: 'order_by', message: `unknown field '${ob.field}'` }]);
        if (attribute === 'creation_time') hasCreation = true;
        term = COLUMN[attribute];
      }
      order.push(ob.ascending ? sql`${term} asc nulls last` : sql`${term} desc nulls last`);
    }
    if (!hasCreation) order.push(sql`m.creation_time desc`);
    order.push(sql`m.id asc`);

    const query = JSON.stringify({ e: input.experimentIds, f: input.filter ?? '', o: input.orderBy, d: input.datasets });
    let offset = 0;
    if (input.pageToken) {
      const [tokenOffset, tokenQuery] = decodePageToken(input.pageToken) ?? [];
      if (typeof tokenOffset !== 'number' || !Number.isSafeInteger(tokenOffset) || tokenOffset < 0 || tokenQuery !== query) {
        throw new ValidationError('Invalid page token: it does not belong to this search (experiment ids, filter and order_by must stay the same).', [{ path: 'page_token', message: 'invalid' }]);
      }
      offset = tokenOffset;
    }
    if (input.experimentIds.length === 0) return { models: [], nextPageToken: null };
    const where = [sql`m.lifecycle_stage = 'active'`, sql`m.experiment_id in (${sql.join(input.experimentIds.map((id) => sql`${id}`), sql`, `)})`, ...comparisons.map((c) => condition(c, input.datasets))];
    // Datasets without a metric filter: the models that have any metric on one of them.
    if (input.datasets.length && !comparisons.some((c) => c.entity === 'metric')) {
      where.push(sql`exists (select 1 from logged_model_metrics mm where mm.model_id = m.id and ${onDatasets(input.datasets)})`);
    }
    const ids = rowsOf<{ id: string }>(
      await tx.execute(sql`select m.id from logged_models m where ${sql.join(where, sql` and `)} order by ${sql.join(order, sql`, `)} limit ${input.maxResults + 1} offset ${offset}`),
    ).map((r) => r.id);
    const page = ids.slice(0, input.maxResults);
    const models = await loadLoggedModelViews(tx, page);
    const nextPageToken = ids.length > input.maxResults ? encodePageToken([offset + input.maxResults, query]) : null;
    return { models, nextPageToken };
  },
});

