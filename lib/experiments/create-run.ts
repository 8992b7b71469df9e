import 'server-only';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { runs, type RunStatus } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { ValidationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadExperimentForWrite, type ExperimentRow, type RunRow } from './access';
import './constraints';
import { generateRunName } from './run-names';
import { writeTags, type KeyValue } from './run-writes';
import { CreateRunInput, SYSTEM_TAGS, toRunView } from './schemas';

/**
 * Inserts a run and its tags into an experiment the caller already locked and checked. As MLflow does: the
 * id is 32 random hex characters; a missing name is generated (`adjective-noun-123`); `name` and an
 * `mlflow.runName` tag must agree when both are given; the start time defaults to now; system tags given as
 * tags fill the columns they mirror, and columns given as fields get their tags.
 */
export async function insertRun(
  tx: Db,
  actor: Actor,
  experiment: ExperimentRow,
  input: z.output<typeof CreateRunInput>,
  finished?: { status: RunStatus; endTime: number | null },
): Promise<{ row: RunRow; tags: KeyValue[] }> {
  const tags: Record<string, string> = { ...(input.tags ?? {}) };
  const tagName = tags[SYSTEM_TAGS.runName];
  if (input.name !== undefined && tagName !== undefined && tagName !== input.name) {
    throw new ValidationError(`name: '${input.name}' differs from the ${SYSTEM_TAGS.runName} tag '${tagName}'; give one or make them equal.`, [
      { path: 'name', message: `differs from the ${SYSTEM_TAGS.runName} tag` },
    ]);
  }
  const fromFields: Record<string, string | undefined> = {
    [SYSTEM_TAGS.runName]: input.name ?? tagName ?? generateRunName(),
    [SYSTEM_TAGS.user]: input.userName ?? tags[SYSTEM_TAGS.user] ?? actor.email ?? actor.name,
    [SYSTEM_TAGS.sourceName]: input.source?.name,
    [SYSTEM_TAGS.sourceType]: input.source?.type,
    [SYSTEM_TAGS.sourceVersion]: input.source?.version,
    [SYSTEM_TAGS.entryPoint]: input.source?.entryPoint,
    [SYSTEM_TAGS.parentRunId]: input.parentRunId,
    [SYSTEM_TAGS.description]: input.description,
  };
  for (const [key, value] of Object.entries(fromFields)) if (value !== undefined) tags[key] = value;

  const id = randomBytes(16).toString('hex');
  const column = (tag: string) => tags[tag] ?? null;
  const [row] = await tx
    .insert(runs)
    .values({
      id,
      experimentId: experiment.id,
      name: tags[SYSTEM_TAGS.runName],
      status: finished?.status ?? 'RUNNING',
      startTime: input.startTime ?? Date.now(),
      endTime: finished?.endTime ?? null,
      userId: actor.userId,
      userName: column(SYSTEM_TAGS.user),
      sourceName: column(SYSTEM_TAGS.sourceName),
      sourceType: column(SYSTEM_TAGS.sourceType),
      sourceVersion: column(SYSTEM_TAGS.sourceVersion),
      entryPoint: column(SYSTEM_TAGS.entryPoint),
      parentRunId: column(SYSTEM_TAGS.parentRunId),
      description: column(SYSTEM_TAGS.description),
      artifactUri: experiment.artifactLocation ? `${experiment.artifactLocation.replace(/\/+$/, '')}/${id}/artifacts` : null,
    })
    .returning();
  // writeTags validates system tag values (a parent id that is not a run id, …) and stores every tag.
  const tagList = Object.entries(tags)
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await writeTags(tx, row, tagList, { newRun: true });
  return { row, tags: tagList };
}

/** Starts a run in an active experiment (EDIT on it, or a scientist in an experiment nobody owns). */
export const createRun = defineService({
  name: 'runs.create',
  permission: 'run.create',
  input: CreateRunInput,
  async run({ tx, actor }, input) {
    const experiment = await loadExperimentForWrite(tx, actor, input.experimentId, 'run.create');
    const { row, tags } = await insertRun(tx, actor, experiment, input);
    const view = toRunView(row, [], [], tags, []);
    await recordAudit(tx, actor, 'run.create', { type: 'run', id: row.id }, { after: view });
    return view;
  },
});
