import 'server-only';
import { createHash } from 'node:crypto';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { params, runs, runTags } from '@/db/schema/tracking';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { ValidationError } from '@/lib/errors';
import { SearchSyntaxError, type Comparison, type FilterExpr } from '@/lib/search/ast';
import { compileFilter } from '@/lib/search/compile-filter';
import { compileOrderBy, isValidTermValue, keysetAfter, orderBySql, termParam, type SortPhase, type SortPlan } from '@/lib/search/compile-order-by';
import { parseFilter } from '@/lib/search/parse-filter';
import { parseOrderBy } from '@/lib/search/parse-order-by';
import { defineService } from '@/lib/services/define-service';
import { toRunViews } from './load-run-details';
import { ExperimentId, RunView } from './schemas';

/** MLflow's defaults: 1000 runs a page unless asked, at most 50,000. */
export const SEARCH_RUNS_DEFAULT_MAX_RESULTS = 1000;
export const SEARCH_RUNS_MAX_RESULTS = 50_000;

export const RunViewType = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);

export const SearchRunsInput = z.object({
  experimentIds: z.array(ExperimentId).min(1, 'give at least one experiment id').max(100, 'at most 100 experiment ids'),
  filter: z.string().max(20_000).optional(),
  orderBy: z.array(z.string().max(1_000)).max(20, 'at most 20 order_by entries').optional(),
  maxResults: z.coerce
    .number()
    .int()
    .min(1)
    .max(SEARCH_RUNS_MAX_RESULTS, `must be at most ${SEARCH_RUNS_MAX_RESULTS}`)
    .default(SEARCH_RUNS_DEFAULT_MAX_RESULTS),
  pageToken: z.string().max(100_000).optional(),
  runViewType: RunViewType.default('ACTIVE_ONLY'),
});
export type SearchRunsInput = z.input<typeof SearchRunsInput>;

export const SearchRunsOutput = z.object({ runs: z.array(RunView), nextPageToken: z.string().nullable() });

interface Cursor {
  phase: number;
  /** Sort values of the last row returned (text form); null: start of the phase. */
  after: (string | null)[] | null;
}

interface SearchQuery {
  experimentIds: number[];
  lifecycle: SQL | undefined;
  filter: SQL | undefined;
}

function syntaxError(field: 'filter' | 'orderBy', e: unknown): never {
  if (e instanceof SearchSyntaxError) {
    throw new ValidationError(`${field}: ${e.message}`, [{ path: field, message: e.message }], field === 'filter' ? 'invalid_filter' : 'invalid_order_by');
  }
  throw e;
}

function badToken(reason: string): never {
  throw new ValidationError(`pageToken: ${reason}`, [{ path: 'pageToken', message: reason }], 'invalid_page_token');
}

/** Tokens are bound to the search that issued them, so a token replayed against another order cannot mislead SQL. */
function fingerprint(input: z.output<typeof SearchRunsInput>): string {
  const shape = JSON.stringify([input.experimentIds, input.filter ?? '', input.orderBy ?? [], input.runViewType]);
  return createHash('sha256').update(shape).digest('base64url').slice(0, 16);
}

function decodeCursor(token: string | undefined, fp: string, plan: SortPlan): Cursor {
  const raw = decodePageToken(token, 'pageToken');
  if (!raw) return { phase: 0, after: null };
  const [tokenFp, phase, after] = raw;
  if (tokenFp !== fp) badToken('this page token belongs to a different search (experiments, filter, order or view changed)');
  if (typeof phase !== 'number' || !Number.isInteger(phase) || phase < 0 || phase >= plan.phases.length) badToken('not a page token issued by this server');
  if (after === null) return { phase, after: null };
  const terms = plan.phases[phase].terms;
  if (!Array.isArray(after) || after.length !== terms.length || !terms.every((t, i) => isValidTermValue(t, after[i]))) {
    badToken('not a page token issued by this server');
  }
  return { phase, after: after as (string | null)[] };
}

/**
 * One phase's page: run ids and their sort values, in order. With one experiment the query walks the
 * index directly; with several, each experiment is walked (LATERAL, LIMIT each) and the heads merged.
 */
async function fetchPhase(tx: Db, q: SearchQuery, phase: SortPhase, after: (string | null)[] | null, limit: number): Promise<{ id: string; keys: (string | null)[] }[]> {
  const names = phase.terms.map((_, i) => `k${i}`);
  const where = (experiment: SQL) =>
    sql.join(
      [sql`${runs.experimentId} = ${experiment}`, q.lifecycle, q.filter, phase.where, after ? keysetAfter(phase.terms, after) : undefined].filter((c): c is SQL => c !== undefined),
      sql` AND `,
    );
  const inner = (experiment: SQL, asText: boolean) => {
    const cols = phase.terms.map((t, i) => (asText ? sql`(${t.expr})::text AS ${sql.raw(names[i])}` : sql`${t.expr} AS ${sql.raw(names[i])}`));
    return sql`SELECT ${runs.id} AS id${sql.join(
      cols.map((c) => sql`, ${c}`),
      sql``,
    )} FROM ${runs} ${phase.join ?? sql``} WHERE ${where(experiment)} ORDER BY ${orderBySql(phase.terms)} LIMIT ${limit}`;
  };
  let query = q.experimentIds.length === 1 && phase.walk && !q.filter ? await walkValues(tx, q.experimentIds[0], q, phase, phase.walk, after, limit) : undefined;
  if (!query && q.experimentIds.length === 1) {
    query = inner(sql`${q.experimentIds[0]}`, true);
  } else if (!query) {
    const ids = sql.join(
      q.experimentIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const outerCols = names.map((n) => sql.raw(`, q.${n}::text AS ${n}`));
    query = sql`SELECT q.id${sql.join(outerCols, sql``)} FROM unnest(ARRAY[${ids}]::bigint[]) AS e(eid) CROSS JOIN LATERAL (${inner(sql.raw('e.eid'), false)}) q ORDER BY ${orderBySql(
      phase.terms,
      names.map((n) => `q.${n}`),
    )} LIMIT ${limit}`;
  }
  const rows = rowsOf<Record<string, unknown>>(await tx.execute(query));
  return rows.map((r) => ({ id: String(r.id), keys: names.map((n) => (r[n] === null || r[n] === undefined ? null : String(r[n]))) }));
}

/**
 * Plan thresholds (tests lower them to exercise both shapes on small data): a tie group at least
 * `largeTieGroup` runs large is walked through the runs index rather than sorted; a prefix LIKE matching
 * at most `fewPrefixMatches` rows drives the search from those rows.
 */
export const searchPlanThresholds = { largeTieGroup: 2_000, fewPrefixMatches: 20_000 };

/** Top-level AND clauses that are `params.x LIKE 'literal…'` or `tags.x LIKE 'literal…'`. */
function prefixLikeClauses(expr: FilterExpr | null | undefined): Comparison[] {
  const clauses = !expr ? [] : expr.type === 'and' ? expr.clauses : [expr];
  return clauses.filter(
    (c): c is Comparison =>
      c.type === 'comparison' && (c.left.entity === 'param' || c.left.entity === 'tag') && c.op === 'LIKE' && typeof c.value === 'string' && /^[^%_\\]/.test(c.value),
  );
}

/**
 * Where matching runs are few but old (`tags.t1 LIKE 'trial 12%'`), walking runs newest first and
 * probing each one reads most of the experiment, and PostgreSQL cannot know the matches are old. So a
 * prefix LIKE is first counted through the text_pattern_ops index (a bounded count) and, when its matches are few, the runs are taken from them (an array of run ids, looked up
 * by primary key and then sorted) and the clause's own EXISTS is left out: a param or tag row carries its
 * run's experiment_id, so both say the same.
 */
async function prefixDriver(tx: Db, experimentIds: number[], expr: FilterExpr | null | undefined): Promise<{ clause: Comparison; driver: SQL } | undefined> {
  const ids = sql.join(
    experimentIds.map((id) => sql`${id}::bigint`),
    sql`, `,
  );
  for (const c of prefixLikeClauses(expr)) {
    const t = c.left.entity === 'param' ? params : runTags;
    const cond = sql`${t.experimentId} IN (${ids}) AND ${t.key} = ${c.left.key} AND ${t.value} LIKE ${c.value}`;
    const [row] = rowsOf<{ n: number | string }>(await tx.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${t} WHERE ${cond} LIMIT ${searchPlanThresholds.fewPrefixMatches + 1}) s`));
    if (Number(row?.n ?? 0) <= searchPlanThresholds.fewPrefixMatches) return { clause: c, driver: sql`${runs.id} = ANY (ARRAY(SELECT ${t.runId} FROM ${t} WHERE ${cond}))` };
  }
  return undefined;
}

/**
 * A first key with (possibly) few distinct values: sorting a whole tie group (say 50,000 runs sharing
 * `params.lr = '0.01'`) by start_time would cost a second. Instead the distinct values are walked in
 * order (a recursive skip scan of the (experiment_id, key, value) index) and, per value, its runs are
 * taken in tie order (LATERAL … LIMIT) by walking the runs index and probing the key's primary key per
 * run (an EXISTS fenced by OFFSET 0, so the planner cannot turn it back into a join that reads the whole
 * group). That only pays when the group is large, so the first group is sized first (a bounded
 * count) and smaller groups keep the plain sorted query. The recursion is pulled only as
 * far as the outer LIMIT needs. Rows come out in value order, then in the lateral's order (a nested
 * loop keeps both), so the outer query needs no sort of its own.
 */
async function walkValues(
  tx: Db,
  experimentId: number,
  q: SearchQuery,
  phase: SortPhase,
  walk: NonNullable<SortPhase['walk']>,
  after: (string | null)[] | null,
  limit: number,
): Promise<SQL | undefined> {
  const e = sql`${experimentId}::bigint`;
  const head = phase.terms[0];
  const bound = after && after[0] !== null ? termParam(head, after[0]) : undefined;
  // Walking runs pays off for a large tie group only; small groups are cheaper sorted whole.
  const first = bound ?? walk.next(e, undefined, undefined);
  const [row] = rowsOf<{ n: number | string }>(await tx.execute(sql`SELECT count(*)::int AS n FROM (${walk.group(e, first)} LIMIT ${searchPlanThresholds.largeTieGroup}) s`));
  if (Number(row?.n ?? 0) < searchPlanThresholds.largeTieGroup) return undefined;
  // Within the lateral the head term is the walked value itself.
  const terms = [{ ...head, expr: sql.raw('wv.v') }, ...phase.terms.slice(1)];
  const names = terms.map((_, i) => `k${i}`);
  const cols = terms.map((t, i) => sql`, (${t.expr})::text AS ${sql.raw(names[i])}`);
  // Resuming inside the cursor's group: keysetAfter's bound is on the value, so also bound the next term
  // (start_time, usually) for that group only, which the runs index scan can start from.
  let resume: SQL | undefined;
  const second = terms[1];
  if (after && after[0] !== null && after[1] !== null && after[1] !== undefined && second && second.type === 'bigint' && !second.nullable) {
    const edge = sql.raw(second.ascending ? '(-9223372036854775807 - 1)' : '9223372036854775807');
    const same = sql`CASE WHEN wv.v = ${termParam(head, after[0])} THEN ${termParam(second, after[1])} ELSE ${edge} END`;
    resume = second.ascending ? sql`${second.expr} >= ${same}` : sql`${second.expr} <= ${same}`;
  }
  const where = sql.join(
    [sql`${runs.experimentId} = ${e}`, q.lifecycle, phase.where, walk.has(sql.raw('wv.v')), after ? keysetAfter(terms, after) : undefined, resume].filter(
      (c): c is SQL => c !== undefined,
    ),
    sql` AND `,
  );
  return sql`WITH RECURSIVE wv(v) AS (${walk.next(e, undefined, bound)} UNION ALL SELECT ${walk.next(e, sql.raw('wv.v'), undefined)} FROM wv WHERE wv.v IS NOT NULL)
SELECT q.* FROM wv CROSS JOIN LATERAL (SELECT ${runs.id} AS id${sql.join(cols, sql``)} FROM ${runs} WHERE ${where} ORDER BY ${orderBySql(terms.slice(1))} LIMIT ${limit}) q WHERE wv.v IS NOT NULL LIMIT ${limit}`;
}

/**
 * Runs of the given experiments matching an MLflow-style filter, in `orderBy` order (runs missing a sort
 * key last in both directions; ties by start_time DESC, then run id), a keyset page at a time. Pages stay
 * stable while runs are added: a token holds the last row's sort values, never an offset.
 */
export const searchRuns = defineService({
  name: 'runs.search',
  permission: 'read',
  input: SearchRunsInput,
  async run({ tx }, input) {
    let filter: SQL | undefined;
    let ast: FilterExpr | null | undefined;
    let plan: SortPlan;
    try {
      ast = parseFilter(input.filter);
      filter = compileFilter(ast);
    } catch (e) {
      syntaxError('filter', e);
    }
    try {
      plan = compileOrderBy(parseOrderBy(input.orderBy));
    } catch (e) {
      syntaxError('orderBy', e);
    }
    const cursor = decodeCursor(input.pageToken, fingerprint(input), plan);
    const lifecycle = input.runViewType === 'ALL' ? undefined : sql`${runs.lifecycleStage} = ${input.runViewType === 'ACTIVE_ONLY' ? 'active' : 'deleted'}`;
    const experimentIds = [...new Set(input.experimentIds)];
    const prefix = await prefixDriver(tx, experimentIds, ast);
    if (prefix && ast) {
      const rest = ast.type === 'and' ? ast.clauses.filter((c) => c !== prefix.clause) : [];
      const others = rest.length === 0 ? undefined : compileFilter(rest.length === 1 ? rest[0] : { type: 'and', clauses: rest });
      filter = others ? sql`${prefix.driver} AND ${others}` : prefix.driver;
    }
    const query: SearchQuery = { experimentIds, lifecycle, filter };

    const page: string[] = [];
    let next: Cursor | null = null;
    for (let phase = cursor.phase; phase < plan.phases.length; phase++) {
      const need = input.maxResults - page.length;
      // One row more than needed says whether anything follows; once the page is full, a 1-row probe of
      // the next phases decides whether to hand out a token at all.
      const rows = await fetchPhase(tx, query, plan.phases[phase], phase === cursor.phase ? cursor.after : null, need + 1);
      if (rows.length > need) {
        const taken = rows.slice(0, need);
        page.push(...taken.map((r) => r.id));
        next = { phase, after: need === 0 ? null : taken[taken.length - 1].keys };
        break;
      }
      page.push(...rows.map((r) => r.id));
    }

    const found = page.length === 0 ? [] : await tx.select().from(runs).where(inArray(runs.id, page));
    const byId = new Map(found.map((r) => [r.id, r]));
    const ordered = page.map((id) => byId.get(id)).filter((r) => r !== undefined);
    return {
      runs: await toRunViews(tx, ordered),
      nextPageToken: next ? encodePageToken([fingerprint(input), next.phase, next.after]) : null,
    };
  },
});
