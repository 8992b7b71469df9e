import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '@/db/client';
import { defineService } from '@/lib/services/define-service';
import { getExperimentRow } from './access';
import { ExperimentId } from './schemas';

/** Same order whatever the database collation. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** More keys than a column chooser or a completion list can usefully show; the rest are cut. */
export const MAX_KEYS_PER_KIND = 1000;

export const ListExperimentKeysInput = z.object({ experimentId: ExperimentId });
export const ListExperimentKeysOutput = z.object({
  metrics: z.array(z.string()),
  params: z.array(z.string()),
  tags: z.array(z.string()),
  truncated: z.boolean().describe('true when a kind had more than MAX_KEYS_PER_KIND keys'),
});
export type ExperimentKeys = z.infer<typeof ListExperimentKeysOutput>;

/**
 * The metric, param and tag keys logged to any run of one experiment (active or deleted), sorted, for
 * the filter box's completion and the runs table's column chooser. Each kind is read off its
 * (experiment_id, key, value) search index, so no run rows are touched. An unknown experiment is
 * NotFound, so a typo does not look like an empty experiment.
 */
export const listExperimentKeys = defineService({
  name: 'experiments.list_keys',
  permission: 'read',
  input: ListExperimentKeysInput,
  async run({ tx }, input): Promise<ExperimentKeys> {
    await getExperimentRow(tx, input.experimentId);
    const limit = MAX_KEYS_PER_KIND + 1;
    const keysOf = async (table: 'latest_metrics' | 'params' | 'run_tags') =>
      rowsOf<{ key: string }>(
        await tx.execute(sql`select key from ${sql.identifier(table)} where experiment_id = ${input.experimentId} group by key order by key limit ${limit}`),
      ).map((r) => r.key).sort(byCodePoint);
    // One after another: a transaction is one connection, and queueing on a busy pg client is deprecated.
    const metrics = await keysOf('latest_metrics');
    const params = await keysOf('params');
    const tags = await keysOf('run_tags');
    const truncated = [metrics, params, tags].some((k) => k.length > MAX_KEYS_PER_KIND);
    return { metrics: metrics.slice(0, MAX_KEYS_PER_KIND), params: params.slice(0, MAX_KEYS_PER_KIND), tags: tags.slice(0, MAX_KEYS_PER_KIND), truncated };
  },
});
