import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { resourceGrants, type GrantLevel } from '@/db/schema/identity';
import { experiments, runs } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';
import { NotFoundError, RuleViolationError } from '@/lib/errors';
import './constraints';

export type ExperimentRow = typeof experiments.$inferSelect;
export type RunRow = typeof runs.$inferSelect;

/** The default experiment MLflow clients fall back to; it cannot be deleted or purged. */
export const DEFAULT_EXPERIMENT_ID = 0;

/** Joins the actor's grant on the experiment of the row being read (none for the system actor). */
export function grantJoin(actor: Actor) {
  return and(
    eq(resourceGrants.resourceType, 'experiment'),
    eq(resourceGrants.resourceId, sql`${experiments.id}::text`),
    actor.userId ? eq(resourceGrants.userId, actor.userId) : sql`false`,
  );
}

export function authorizeOnExperiment(actor: Actor, permission: Permission, experiment: ExperimentRow, grantLevel: GrantLevel | null): void {
  authorize(actor, permission, { type: 'experiment', id: String(experiment.id), ownerId: experiment.ownerId, grantLevel });
}

export function refuseDeletedExperiment(experiment: ExperimentRow): void {
  if (experiment.lifecycleStage !== 'active') {
    throw new RuleViolationError('experiment_deleted', `Experiment '${experiment.id}' is deleted; restore it before changing it or its runs.`);
  }
}

/**
 * Locks the experiment row (FOR UPDATE) and checks the actor's rights on it: the owner has MANAGE,
 * others need a grant of the permission's level in resource_grants, admins and the system pass, and an
 * experiment nobody owns (Default) is governed by role alone. Unless `allowDeleted`, a deleted
 * experiment is refused, as MLflow refuses changes to non-active experiments.
 */
export async function loadExperimentForWrite(
  tx: Db,
  actor: Actor,
  experimentId: number,
  permission: Permission,
  opts: { allowDeleted?: boolean } = {},
): Promise<ExperimentRow> {
  const [found] = await tx
    .select({ experiment: experiments, grantLevel: resourceGrants.level })
    .from(experiments)
    .leftJoin(resourceGrants, grantJoin(actor))
    .where(eq(experiments.id, experimentId))
    .for('update', { of: experiments });
  if (!found) throw new NotFoundError('Experiment', experimentId);
  authorizeOnExperiment(actor, permission, found.experiment, found.grantLevel);
  if (!opts.allowDeleted) refuseDeletedExperiment(found.experiment);
  return found.experiment;
}

/**
 * Locks the run row (FOR UPDATE; writers to one run take turns, which keeps latest metrics and param
 * checks exact) and checks the actor's rights on its experiment, which is read without a lock: experiment
 * operations that touch runs lock the experiment first and then the runs, so this order cannot deadlock
 * with them. Writes to a deleted run, or a run of a deleted experiment, are refused as MLflow does
 * ("must be in the 'active' state"); delete and restore pass `allowDeleted`.
 */
export async function loadRunForWrite(
  tx: Db,
  actor: Actor,
  runId: string,
  permission: Permission,
  opts: { allowDeleted?: boolean } = {},
): Promise<{ run: RunRow; experiment: ExperimentRow }> {
  const [found] = await tx
    .select({ run: runs, experiment: experiments, grantLevel: resourceGrants.level })
    .from(runs)
    .innerJoin(experiments, eq(experiments.id, runs.experimentId))
    .leftJoin(resourceGrants, grantJoin(actor))
    .where(eq(runs.id, runId))
    .for('update', { of: runs });
  if (!found) throw new NotFoundError('Run', runId);
  authorizeOnExperiment(actor, permission, found.experiment, found.grantLevel);
  if (!opts.allowDeleted) {
    refuseDeletedExperiment(found.experiment);
    if (found.run.lifecycleStage !== 'active') {
      throw new RuleViolationError('run_deleted', `Run '${runId}' is deleted; restore it before logging to it or changing it.`);
    }
  }
  return { run: found.run, experiment: found.experiment };
}

/** Reads without locking, for `read` services: any signed-in role may read (DESIGN.md). */
export async function getExperimentRow(tx: Db, experimentId: number): Promise<ExperimentRow> {
  const [row] = await tx.select().from(experiments).where(eq(experiments.id, experimentId));
  if (!row) throw new NotFoundError('Experiment', experimentId);
  return row;
}

export async function getRunRow(tx: Db, runId: string): Promise<RunRow> {
  const [row] = await tx.select().from(runs).where(eq(runs.id, runId));
  if (!row) throw new NotFoundError('Run', runId);
  return row;
}
