import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { latestMetrics, params, runTags } from '@/db/schema/tracking';
import { toRunView, type KeyValueRow, type LatestMetricRow, type RunRow, type RunView } from './schemas';

export interface RunDetails {
  params: Map<string, KeyValueRow[]>;
  metrics: Map<string, LatestMetricRow[]>;
  tags: Map<string, KeyValueRow[]>;
}

function groupByRun<T extends { runId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.runId);
    if (list) list.push(row);
    else out.set(row.runId, [row]);
  }
  return out;
}

/**
 * Params, latest metrics and tags of a page of runs: three statements whatever the page size (no query
 * per run). Rows come back ordered by key so views are stable.
 */
export async function loadRunDetails(tx: Db, runIds: string[]): Promise<RunDetails> {
  if (runIds.length === 0) return { params: new Map(), metrics: new Map(), tags: new Map() };
  // Sequential on purpose: a transaction is one connection, and node-postgres refuses overlapping queries.
  const p = await tx.select({ runId: params.runId, key: params.key, value: params.value }).from(params).where(inArray(params.runId, runIds)).orderBy(params.runId, params.key);
  const m = await tx
    .select({
      runId: latestMetrics.runId,
      key: latestMetrics.key,
      value: latestMetrics.value,
      step: latestMetrics.step,
      timestamp: latestMetrics.timestamp,
      minValue: latestMetrics.minValue,
      maxValue: latestMetrics.maxValue,
    })
    .from(latestMetrics)
    .where(inArray(latestMetrics.runId, runIds))
    .orderBy(latestMetrics.runId, latestMetrics.key);
  const t = await tx.select({ runId: runTags.runId, key: runTags.key, value: runTags.value }).from(runTags).where(inArray(runTags.runId, runIds)).orderBy(runTags.runId, runTags.key);
  return { params: groupByRun(p), metrics: groupByRun(m), tags: groupByRun(t) };
}

/** Views of a page of runs, in the order given. */
export async function toRunViews(tx: Db, rows: RunRow[]): Promise<RunView[]> {
  const details = await loadRunDetails(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRunView(r, details.params.get(r.id), details.metrics.get(r.id), details.tags.get(r.id)));
}
