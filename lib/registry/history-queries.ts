import 'server-only';
import { and, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { users } from '@/db/schema/identity';
import { modelStageHistory } from '@/db/schema/registry';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { getModelByName } from './access';
import { AliasAtInput, StageAtInput, TimelineInput, type HistoryEventView } from './schemas';

/**
 * Which versions were in a stage at time T: for each version, its last created/stage/deleted event at or
 * before T says where it was. Answers from the history alone, so it holds for deleted versions too.
 */
export const getStageHolderAt = defineService({
  name: 'registry.get_stage_holder_at',
  permission: 'read',
  input: StageAtInput,
  async run({ tx }, input) {
    const model = await getModelByName(tx, input.name);
    const rows = rowsOf<{ version: number; to_stage: string | null }>(
      await tx.execute(sql`
        select version, to_stage from (
          select distinct on (version) version, to_stage
          from model_stage_history
          where model_id = ${model.id} and kind in ('created', 'stage', 'deleted') and at <= ${input.at.toISOString()}::timestamptz
          order by version, at desc, id desc
        ) last where to_stage = ${input.stage}
        order by version`),
    );
    const versions = rows.map((r) => Number(r.version));
    return { modelName: model.name, stage: input.stage, at: input.at.toISOString(), versions, version: versions[0] ?? null };
  },
});

/** Which version an alias pointed at, at time T (null if it did not exist or had been removed). */
export const getAliasHolderAt = defineService({
  name: 'registry.get_alias_holder_at',
  permission: 'read',
  input: AliasAtInput,
  async run({ tx }, input) {
    const model = await getModelByName(tx, input.name);
    const [row] = await tx
      .select({ version: modelStageHistory.version })
      .from(modelStageHistory)
      .where(and(eq(modelStageHistory.modelId, model.id), eq(modelStageHistory.kind, 'alias'), eq(modelStageHistory.alias, input.alias), lte(modelStageHistory.at, input.at)))
      .orderBy(desc(modelStageHistory.at), desc(modelStageHistory.id))
      .limit(1);
    return { modelName: model.name, alias: input.alias, at: input.at.toISOString(), version: row?.version ?? null };
  },
});

/** Everything that happened to a model's stages and aliases, newest first, keyset-paged. */
export const getModelTimeline = defineService({
  name: 'registry.get_model_timeline',
  permission: 'read',
  input: TimelineInput,
  async run({ tx }, input) {
    const model = await getModelByName(tx, input.name);
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [eq(modelStageHistory.modelId, model.id)];
    if (after) {
      const at = new Date(String(after[0]));
      where.push(or(lt(modelStageHistory.at, at), and(eq(modelStageHistory.at, at), lt(modelStageHistory.id, Number(after[1])))));
    }
    const rows = await tx
      .select()
      .from(modelStageHistory)
      .where(and(...where))
      .orderBy(desc(modelStageHistory.at), desc(modelStageHistory.id))
      .limit(input.pageSize + 1);
    const page = rows.slice(0, input.pageSize);
    const actorIds = [...new Set(page.map((r) => r.actorId).filter((x): x is string => !!x))];
    const people = actorIds.length ? await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [];
    const personOf = new Map(people.map((p) => [p.id, p]));
    const events: HistoryEventView[] = page.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      kind: r.kind,
      version: r.version,
      fromStage: r.fromStage,
      toStage: r.toStage,
      alias: r.alias,
      previousVersion: r.previousVersion,
      actor: r.actorId ? (personOf.get(r.actorId) ?? null) : null,
      requestId: r.requestId,
      emergency: r.emergency,
      reason: r.reason,
    }));
    const last = page[page.length - 1];
    return { events, nextPageToken: rows.length > input.pageSize ? encodePageToken([last.at.toISOString(), last.id]) : null };
  },
});
