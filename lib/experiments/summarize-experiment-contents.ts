import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '@/db/client';
import { defineService } from '@/lib/services/define-service';
import { ExperimentId } from './schemas';

export const SummarizeExperimentContentsInput = z.object({
  experimentIds: z.array(ExperimentId).max(1000, 'at most 1000 experiment ids'),
});

export const ExperimentContents = z.object({
  experimentId: z.string(),
  runs: z.number().int().describe('all runs, active and deleted'),
  deletedRuns: z.number().int(),
  metricPoints: z.number().int().describe('metric history points of those runs'),
  runsWithArtifacts: z.number().int(),
});
export type ExperimentContents = z.infer<typeof ExperimentContents>;

/**
 * What a permanent delete would remove from each experiment, so a confirmation can say it before it
 * happens. Counts only: nothing is locked, so the purge itself may see a few more rows if runs are
 * being logged meanwhile. Unknown ids come back with zeros.
 */
export const summarizeExperimentContents = defineService({
  name: 'experiments.summarize_contents',
  permission: 'read',
  input: SummarizeExperimentContentsInput,
  async run({ tx }, input): Promise<ExperimentContents[]> {
    const ids = [...new Set(input.experimentIds)];
    if (ids.length === 0) return [];
    const result = await tx.execute(sql`
      select e.id as "experimentId",
             count(r.id)::int as "runs",
             (count(r.id) filter (where r.lifecycle_stage = 'deleted'))::int as "deletedRuns",
             (count(r.id) filter (where r.artifact_uri is not null))::int as "runsWithArtifacts",
             coalesce(sum((select count(*) from metric_history h where h.run_id = r.id)), 0)::bigint as "metricPoints"
      from unnest(${sql.param(ids)}::bigint[]) as e(id)
      left join runs r on r.experiment_id = e.id
      group by e.id`);
    const byId = new Map(rowsOf<Record<string, string | number>>(result).map((r) => [Number(r.experimentId), r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return {
        experimentId: String(id),
        runs: Number(r?.runs ?? 0),
        deletedRuns: Number(r?.deletedRuns ?? 0),
        metricPoints: Number(r?.metricPoints ?? 0),
        runsWithArtifacts: Number(r?.runsWithArtifacts ?? 0),
      };
    });
  },
});
