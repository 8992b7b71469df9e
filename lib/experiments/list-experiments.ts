import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { users } from '@/db/schema/identity';
import { experiments } from '@/db/schema/tracking';
import { decodePageToken, keysetPage } from '@/lib/api/page-token';
import { ValidationError } from '@/lib/errors';
import { SearchSyntaxError } from '@/lib/search/ast';
import {
  effectiveExperimentOrder,
  parseExperimentFilter,
  parseExperimentOrderBy,
  type ExperimentComparison,
  type ExperimentOrderBy,
  type ExperimentOrderKey,
} from '@/lib/search/parse-experiment-search';
import { defineService } from '@/lib/services/define-service';
import { escapeLike } from '@/lib/services/escape-like';
import { loadExperimentTags, toExperimentView } from './experiment-view';
import { ListExperimentsInput } from './schemas';

/*
 * Experiment search, shared by the console list, GET /api/v1/experiments and MLflow's experiments/search.
 * Filters: `q` (a case-insensitive substring of the name) and MLflow's `filter` (name, creation_time,
 * last_update_time, tags.<key>; see lib/search/parse-experiment-search.ts). Order: MLflow's order_by
 * (default creation_time DESC, experiment_id ASC; experiment_id DESC breaks ties), keyset-paged on the
 * order's values. Names sort by code point (collation "C", the same on every database); the times are whole
 * epoch milliseconds, as MLflow returns them, so the order and the cursor agree with what the client sees. Run counts and last activity are computed for the page only.
 */

/** Each order key as the SQL value it sorts by and its value in a page token. */
const ORDER_EXPR: Record<ExperimentOrderKey, SQL> = {
  name: sql`${experiments.name} collate "C"`,
  experiment_id: sql`${experiments.id}`,
  creation_time: sql`floor(extract(epoch from ${experiments.createdAt}) * 1000)::bigint`,
  last_update_time: sql`floor(extract(epoch from ${experiments.updatedAt}) * 1000)::bigint`,
};

function compileComparison(c: ExperimentComparison): SQL {
  const op = sql.raw(c.op === 'LIKE' ? 'like' : c.op === 'ILIKE' ? 'ilike' : c.op);
  if (c.kind === 'tag') {
    return sql`exists (select 1 from experiment_tags t where t.experiment_id = ${experiments.id} and t.key = ${c.key} and t.value ${op} ${c.value})`;
  }
  if (c.key === 'name') return sql`${experiments.name} ${op} ${c.value}`;
  // numeric, not the column's bigint: `creation_time > 1.5` is a valid filter, not a cast error.
  return sql`${ORDER_EXPR[c.key]} ${op} ${c.value}::numeric`;
}

/** Rows strictly after the cursor in the given order: (a > x) or (a = x and b > y) or …, each key in its own direction. */
function keysetAfter(order: ExperimentOrderBy[], values: unknown[]): SQL {
  const param = (key: ExperimentOrderKey, v: unknown) => (key === 'name' ? sql`${String(v)}` : sql`${Number(v)}::bigint`);
  const branches = order.map((o, i) => {
    const equal = order.slice(0, i).map((p, j) => sql`${ORDER_EXPR[p.key]} = ${param(p.key, values[j])}`);
    const step = sql`${ORDER_EXPR[o.key]} ${sql.raw(o.ascending ? '>' : '<')} ${param(o.key, values[i])}`;
    return sql`(${sql.join([...equal, step], sql` and `)})`;
  });
  return sql`(${sql.join(branches, sql` or `)})`;
}

const orderSignature = (order: ExperimentOrderBy[]) => order.map((o) => `${o.key} ${o.ascending ? 'asc' : 'desc'}`).join(',');

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field}: ${message}`, [{ path: field, message }]);
}

function parseOrThrow<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw invalid(field, e.message);
    throw e;
  }
}

/** A page token is only good for the order that issued it; its values must have that order's types. */
function cursorFor(token: string | undefined, order: ExperimentOrderBy[]): unknown[] | null {
  const decoded = decodePageToken(token, 'pageToken');
  if (!decoded) return null;
  const [signature, ...values] = decoded;
  const fits =
    signature === orderSignature(order) &&
    values.length === order.length &&
    order.every((o, i) => (o.key === 'name' ? typeof values[i] === 'string' : Number.isSafeInteger(values[i])));
  if (!fits) throw new ValidationError('pageToken: the page token does not belong to this search (the order changed); start again from the first page.', [{ path: 'pageToken', message: 'invalid page token' }], 'invalid_page_token');
  return values;
}

export const listExperiments = defineService({
  name: 'experiments.list',
  permission: 'read',
  input: ListExperimentsInput,
  async run({ tx }, input) {
    const comparisons = parseOrThrow('filter', () => parseExperimentFilter(input.filter));
    const orderItems = input.orderBy === undefined ? [] : Array.isArray(input.orderBy) ? input.orderBy : [input.orderBy];
    const order = effectiveExperimentOrder(parseOrThrow('orderBy', () => parseExperimentOrderBy(orderItems)));
    const after = cursorFor(input.pageToken, order);

    const where: (SQL | undefined)[] = comparisons.map(compileComparison);
    if (input.viewType !== 'all') where.push(eq(experiments.lifecycleStage, input.viewType));
    if (input.q) where.push(sql`${experiments.name} ilike ${`%${escapeLike(input.q)}%`}`);
    if (after) where.push(keysetAfter(order, after));
    const rows = await tx
      .select({
        experiment: experiments,
        ownerEmail: users.email,
        sortKey: sql<unknown[]>`json_build_array(${sql.join(order.map((o) => ORDER_EXPR[o.key]), sql`, `)})`,
      })
      .from(experiments)
      .leftJoin(users, eq(users.id, experiments.ownerId))
      .where(and(...where))
      .orderBy(...order.map((o) => sql`${ORDER_EXPR[o.key]} ${sql.raw(o.ascending ? 'asc' : 'desc')}`))
      .limit(input.pageSize + 1);
    const { page, nextPageToken } = keysetPage(rows, input.pageSize, (last) => [orderSignature(order), ...last.sortKey]);
    const ids = page.map((r) => r.experiment.id);
    const tags = await loadExperimentTags(tx, ids);
    const activity = await loadRunActivity(tx, ids);
    return {
      experiments: page.map((r) =>
        toExperimentView(r.experiment, tags.get(r.experiment.id), {
          ownerEmail: r.ownerEmail,
          runCount: activity.get(r.experiment.id)?.runCount ?? 0,
          lastActivity: activity.get(r.experiment.id)?.lastActivity ?? null,
        }),
      ),
      nextPageToken,
    };
  },
});

async function loadRunActivity(tx: Db, ids: number[]): Promise<Map<number, { runCount: number; lastActivity: number | null }>> {
  const out = new Map<number, { runCount: number; lastActivity: number | null }>();
  if (ids.length === 0) return out;
  const result = await tx.execute(sql`
    select e.id as "experimentId", a.run_count as "runCount", greatest(a.last_start, a.last_end) as "lastActivity"
    from unnest(${sql.param(ids)}::bigint[]) as e(id)
    cross join lateral (
      select count(*) filter (where r.lifecycle_stage = 'active')::int as run_count,
             max(r.start_time) as last_start,
             max(r.end_time) as last_end
      from runs r where r.experiment_id = e.id
    ) a`);
  for (const r of rowsOf<{ experimentId: string | number; runCount: number; lastActivity: string | number | null }>(result)) {
    out.set(Number(r.experimentId), { runCount: Number(r.runCount), lastActivity: r.lastActivity === null ? null : Number(r.lastActivity) });
  }
  return out;
}
