import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { toRunView, type KeyValueRow, type LatestMetricRow, type RunRow, type RunView } from './schemas';

export interface RunDetails {
  params: Map<string, KeyValueRow[]>;
  metrics: Map<string, LatestMetricRow[]>;
  tags: Map<string, KeyValueRow[]>;
}

/**
 * Params, latest metrics and tags of a page of runs in one statement whatever the page size (no query
 * per run, no query per kind). Rows come back ordered by run and key so views are stable.
 */
export async function loadRunDetails(tx: Db, runIds: string[]): Promise<RunDetails> {
  const out: RunDetails = { params: new Map(), metrics: new Map(), tags: new Map() };
  if (runIds.length === 0) return out;
  const ids = sql.param(runIds);
  const rows = rowsOf<DetailRow>(
    await tx.execute(sql`
      select 'p' as kind, run_id, key, value as text, null::float8 as value, null::bigint as step, null::bigint as ts, null::float8 as min, null::float8 as max
        from params where run_id = any(${ids}::text[])
      union all
      select 't', run_id, key, value, null, null, null, null, null from run_tags where run_id = any(${ids}::text[])
      union all
      select 'm', run_id, key, null, value, step, timestamp, min_value, max_value from latest_metrics where run_id = any(${ids}::text[])
      order by run_id, kind, key`),
  );
  for (const r of rows) {
    if (r.kind === 'm') {
      push(out.metrics, r.run_id, {
        key: r.key,
        value: toFloat(r.value)!,
        step: Number(r.step),
        timestamp: Number(r.ts),
        minValue: toFloat(r.min),
        maxValue: toFloat(r.max),
      });
    } else {
      push(r.kind === 'p' ? out.params : out.tags, r.run_id, { key: r.key, value: r.text! });
    }
  }
  return out;
}

interface DetailRow {
  kind: 'p' | 't' | 'm';
  run_id: string;
  key: string;
  text: string | null;
  value: number | string | null;
  step: number | string | bigint | null;
  ts: number | string | bigint | null;
  min: number | string | null;
  max: number | string | null;
}

/** Drivers hand float8 back as a number, or as text ('NaN', 'Infinity') in raw results on some paths. */
function toFloat(v: number | string | null): number | null {
  if (v === null) return null;
  return typeof v === 'number' ? v : Number(v);
}

function push<T>(map: Map<string, T[]>, runId: string, item: T): void {
  const list = map.get(runId);
  if (list) list.push(item);
  else map.set(runId, [item]);
}

/** Views of a page of runs, in the order given. */
export async function toRunViews(tx: Db, rows: RunRow[]): Promise<RunView[]> {
  const details = await loadRunDetails(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRunView(r, details.params.get(r.id), details.metrics.get(r.id), details.tags.get(r.id)));
}
