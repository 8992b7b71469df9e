import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema/identity';
import { experiments, experimentTags } from '@/db/schema/tracking';
import { NotFoundError } from '@/lib/errors';
import type { ExperimentRow } from './access';
import type { ExperimentView } from './schemas';

export function toExperimentView(
  row: ExperimentRow,
  tags: { key: string; value: string }[] = [],
  extra: { ownerEmail?: string | null; runCount?: number; lastActivity?: number | null } = {},
): ExperimentView {
  return {
    id: String(row.id),
    name: row.name,
    description: row.description,
    ownerId: row.ownerId,
    ...(extra.ownerEmail !== undefined ? { ownerEmail: extra.ownerEmail } : {}),
    artifactLocation: row.artifactLocation,
    lifecycleStage: row.lifecycleStage,
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(extra.runCount !== undefined ? { runCount: extra.runCount } : {}),
    ...(extra.lastActivity !== undefined ? { lastActivity: extra.lastActivity } : {}),
  };
}

/** Tags of several experiments in one statement. */
export async function loadExperimentTags(tx: Db, ids: number[]): Promise<Map<number, { key: string; value: string }[]>> {
  const out = new Map<number, { key: string; value: string }[]>();
  if (ids.length === 0) return out;
  const rows = await tx
    .select({ experimentId: experimentTags.experimentId, key: experimentTags.key, value: experimentTags.value })
    .from(experimentTags)
    .where(inArray(experimentTags.experimentId, ids))
    .orderBy(experimentTags.experimentId, experimentTags.key);
  for (const r of rows) {
    const list = out.get(r.experimentId) ?? [];
    list.push(r);
    out.set(r.experimentId, list);
  }
  return out;
}

/** The experiment as callers see it after a change (tags and owner email included). */
export async function loadExperimentView(tx: Db, id: number): Promise<ExperimentView> {
  const [found] = await tx
    .select({ experiment: experiments, ownerEmail: users.email })
    .from(experiments)
    .leftJoin(users, eq(users.id, experiments.ownerId))
    .where(eq(experiments.id, id));
  if (!found) throw new NotFoundError('Experiment', id);
  const tags = await loadExperimentTags(tx, [id]);
  return toExperimentView(found.experiment, tags.get(id), { ownerEmail: found.ownerEmail });
}
