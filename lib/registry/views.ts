import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema/identity';
import { modelAliases, modelVersions, modelVersionTags, protectedAliases, registeredModels, registeredModelTags, transitionRequests } from '@/db/schema/registry';
import { NotFoundError } from '@/lib/errors';
import type { ModelRow, VersionRow } from './access';
import { MODEL_CARD_FIELDS, type AliasView, type CardCompleteness, type ModelView, type VersionBrief, type VersionSummary, type VersionView } from './schemas';

export function cardCompleteness(v: VersionRow): CardCompleteness {
  const missing = MODEL_CARD_FIELDS.filter((f) => {
    const value = v[f];
    return Array.isArray(value) ? value.length === 0 : !value || value.trim() === '';
  });
  return { filled: MODEL_CARD_FIELDS.length - missing.length, total: MODEL_CARD_FIELDS.length, missing };
}

export function toVersionBrief(v: VersionRow): VersionBrief {
  return { id: v.id, version: v.version, stage: v.stage, status: v.status, createdAt: v.createdAt.toISOString() };
}

export function toVersionSummary(v: VersionRow): VersionSummary {
  return { id: v.id, version: v.version, stage: v.stage, runId: v.runId, source: v.source, cardCompleteness: cardCompleteness(v) };
}

export function toVersionView(v: VersionRow, modelName: string, tags: { key: string; value: string }[] = [], aliases: string[] = []): VersionView {
  return {
    id: v.id,
    modelId: v.modelId,
    modelName,
    version: v.version,
    source: v.source,
    runId: v.runId,
    loggedModelId: v.loggedModelId,
    description: v.description,
    status: v.status,
    statusMessage: v.statusMessage,
    stage: v.stage,
    stageUpdatedAt: v.stageUpdatedAt.toISOString(),
    card: {
      intendedUse: v.intendedUse,
      limitations: v.limitations,
      trainingData: v.trainingData,
      evaluationData: v.evaluationData,
      metricsSummary: v.metricsSummary,
      ethicalConsiderations: v.ethicalConsiderations,
      owners: v.owners,
    },
    cardCompleteness: cardCompleteness(v),
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
    aliases: [...aliases].sort(),
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return out;
}

/** Versions with their tags and aliases, in the order given (two statements for any number of versions). */
export async function toVersionViews(tx: Db, rows: VersionRow[], modelName: string | ((modelId: string) => string)): Promise<VersionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tags = groupBy(await tx.select().from(modelVersionTags).where(inArray(modelVersionTags.versionId, ids)).orderBy(asc(modelVersionTags.key)), (t) => t.versionId);
  const aliases = groupBy(await tx.select({ versionId: modelAliases.versionId, alias: modelAliases.alias }).from(modelAliases).where(inArray(modelAliases.versionId, ids)), (a) => a.versionId);
  const nameOf = typeof modelName === 'string' ? () => modelName : modelName;
  return rows.map((r) =>
    toVersionView(
      r,
      nameOf(r.modelId),
      tags.get(r.id),
      (aliases.get(r.id) ?? []).map((a) => a.alias),
    ),
  );
}

export async function loadVersionView(tx: Db, versionId: string): Promise<VersionView> {
  const [found] = await tx
    .select({ version: modelVersions, modelName: registeredModels.name })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(eq(modelVersions.id, versionId));
  if (!found) throw new NotFoundError('Model version', versionId);
  const [view] = await toVersionViews(tx, [found.version], found.modelName);
  return view;
}

/**
 * Model views for a page of models: latest version, who is in Production and Staging, aliases (protected
 * ones included even when unassigned), pending request counts and tags, in a fixed number of statements.
 */
export async function toModelViews(tx: Db, models: ModelRow[]): Promise<ModelView[]> {
  if (models.length === 0) return [];
  const ids = models.map((m) => m.id);
  const counts = await tx
    .select({ modelId: modelVersions.modelId, n: sql<number>`count(*)::int` })
    .from(modelVersions)
    .where(inArray(modelVersions.modelId, ids))
    .groupBy(modelVersions.modelId);
  const countOf = new Map(counts.map((c) => [c.modelId, Number(c.n)]));
  const staged = await tx
    .select()
    .from(modelVersions)
    .where(and(inArray(modelVersions.modelId, ids), inArray(modelVersions.stage, ['Production', 'Staging'])))
    .orderBy(asc(modelVersions.version));
  const latest = await tx
    .selectDistinctOn([modelVersions.modelId])
    .from(modelVersions)
    .where(inArray(modelVersions.modelId, ids))
    .orderBy(modelVersions.modelId, desc(modelVersions.version));
  const latestOf = new Map(latest.map((v) => [v.modelId, v]));
  const aliasRows = await tx
    .select({ modelId: modelAliases.modelId, alias: modelAliases.alias, versionId: modelAliases.versionId, version: modelVersions.version })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(inArray(modelAliases.modelId, ids));
  const protectedRows = await tx.select().from(protectedAliases).where(inArray(protectedAliases.modelId, ids));
  const pending = await tx
    .select({ modelId: transitionRequests.modelId, n: sql<number>`count(*)::int` })
    .from(transitionRequests)
    .where(and(inArray(transitionRequests.modelId, ids), eq(transitionRequests.status, 'pending')))
    .groupBy(transitionRequests.modelId);
  const pendingOf = new Map(pending.map((p) => [p.modelId, Number(p.n)]));
  const tags = groupBy(await tx.select().from(registeredModelTags).where(inArray(registeredModelTags.modelId, ids)).orderBy(asc(registeredModelTags.key)), (t) => t.modelId);
  const ownerIds = [...new Set(models.map((m) => m.ownerId).filter((x): x is string => !!x))];
  const owners = ownerIds.length ? await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ownerIds)) : [];
  const emailOf = new Map(owners.map((o) => [o.id, o.email]));
  const stagedOf = groupBy(staged, (v) => v.modelId);
  const aliasesOf = groupBy(aliasRows, (a) => a.modelId);
  const protectedOf = groupBy(protectedRows, (p) => p.modelId);

  return models.map((m) => {
    const mine = stagedOf.get(m.id) ?? [];
    const prot = new Set((protectedOf.get(m.id) ?? []).map((p) => p.alias));
    const assigned: AliasView[] = (aliasesOf.get(m.id) ?? []).map((a) => ({ alias: a.alias, version: a.version, versionId: a.versionId, protected: prot.has(a.alias) }));
    const unassigned: AliasView[] = [...prot].filter((p) => !assigned.some((a) => a.alias === p)).map((alias) => ({ alias, version: null, versionId: null, protected: true }));
    const production = mine.find((v) => v.stage === 'Production');
    const latestRow = latestOf.get(m.id);
    return {
      id: m.id,
      name: m.name,
      description: m.description,
      ownerId: m.ownerId,
      ownerEmail: m.ownerId ? (emailOf.get(m.ownerId) ?? null) : null,
      tags: Object.fromEntries((tags.get(m.id) ?? []).map((t) => [t.key, t.value])),
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      versionCount: countOf.get(m.id) ?? 0,
      latestVersion: latestRow ? toVersionBrief(latestRow) : null,
      production: production ? toVersionBrief(production) : null,
      staging: mine.filter((v) => v.stage === 'Staging').map(toVersionBrief),
      aliases: [...assigned, ...unassigned].sort((a, b) => a.alias.localeCompare(b.alias)),
      pendingRequests: pendingOf.get(m.id) ?? 0,
    };
  });
}

export async function loadModelView(tx: Db, modelId: string): Promise<ModelView> {
  const [row] = await tx.select().from(registeredModels).where(eq(registeredModels.id, modelId));
  if (!row) throw new NotFoundError('Registered model', modelId);
  const [view] = await toModelViews(tx, [row]);
  return view;
}
