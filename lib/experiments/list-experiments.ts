import 'server-only';
import { and, desc, eq, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { users } from '@/db/schema/identity';
import { experiments } from '@/db/schema/tracking';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { escapeLike } from '@/lib/services/escape-like';
import { loadExperimentTags, toExperimentView } from './experiment-view';
import { ListExperimentsInput } from './schemas';

/**
 * Experiments, newest first, keyset-paged on id. Run counts and last activity are computed for the
 * page only, in one statement: the latest start time comes off runs_experiment_start_idx, the count and
 * latest end time from the same experiment's index range.
 */
export const listExperiments = defineService({
  name: 'experiments.list',
  permission: 'read',
  input: ListExperimentsInput,
  async run({ tx }, input) {
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [];
    if (input.viewType !== 'all') where.push(eq(experiments.lifecycleStage, input.viewType));
    if (input.q) where.push(ilike(experiments.name, `%${escapeLike(input.q)}%`));
    if (after) where.push(lt(experiments.id, Number(after[0])));
    const rows = await tx
      .select({ experiment: experiments, ownerEmail: users.email })
      .from(experiments)
      .leftJoin(users, eq(users.id, experiments.ownerId))
      .where(and(...where))
      .orderBy(desc(experiments.id))
      .limit(input.pageSize + 1);
    const page = rows.slice(0, input.pageSize);
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
      nextPageToken: rows.length > input.pageSize ? encodePageToken([ids[ids.length - 1]]) : null,
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
