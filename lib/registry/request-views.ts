import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema/identity';
import { modelAliases, modelVersions, registeredModels, transitionApprovals, type PolicyTarget } from '@/db/schema/registry';
import { latestMetrics, params } from '@/db/schema/tracking';
import { encodeMetricValue } from '@/lib/experiments/schemas';
import type { RequestRow, VersionRow } from './access';
import { requiredApprovals } from './policy';
import type { RequestView, ReviewView, UserRef } from './schemas';
import { toVersionSummary } from './views';

/** The version that holds the request's target now: the Production holder, the alias's version, or none. */
export async function currentHolderId(tx: Db, request: Pick<RequestRow, 'modelId' | 'kind' | 'target'>): Promise<string | null> {
  if (request.kind === 'alias') {
    const [row] = await tx
      .select({ versionId: modelAliases.versionId })
      .from(modelAliases)
      .where(and(eq(modelAliases.modelId, request.modelId), eq(modelAliases.alias, request.target)));
    return row?.versionId ?? null;
  }
  if (request.target !== 'Production') return null;
  const [row] = await tx
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, request.modelId), eq(modelVersions.stage, 'Production')));
  return row?.id ?? null;
}

/**
 * A pending request is stale when what the requester (and the approver, in the inbox) saw has changed:
 * the version's stage, or which version holds Production / the alias. Stale requests cannot be approved.
 */
export async function isStale(tx: Db, request: RequestRow, version: Pick<VersionRow, 'stage'>): Promise<boolean> {
  if (version.stage !== request.stageAtRequest) return true;
  if (request.kind === 'alias' || request.target === 'Production') return (await currentHolderId(tx, request)) !== request.holderAtRequest;
  return false;
}

export function policyTargetOf(request: Pick<RequestRow, 'kind' | 'target'>): PolicyTarget {
  return request.kind === 'alias' ? 'alias' : (request.target as PolicyTarget);
}

async function userRefs(tx: Db, ids: (string | null)[]): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Request views with approvals, the policy's count and staleness, in the order given. */
export async function toRequestViews(tx: Db, rows: RequestRow[]): Promise<RequestView[]> {
  if (rows.length === 0) return [];
  const versionIds = [...new Set(rows.flatMap((r) => [r.versionId, r.holderAtRequest]).filter((x): x is string => !!x))];
  const versions = await tx
    .select({ version: modelVersions, modelName: registeredModels.name })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(inArray(modelVersions.id, versionIds));
  const versionOf = new Map(versions.map((v) => [v.version.id, v]));
  const approvals = await tx
    .select()
    .from(transitionApprovals)
    .where(
      inArray(
        transitionApprovals.requestId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(transitionApprovals.decidedAt), asc(transitionApprovals.id));
  const people = await userRefs(tx, [...rows.flatMap((r) => [r.requestedBy, r.decidedBy]), ...approvals.map((a) => a.approverId)]);
  const out: RequestView[] = [];
  for (const r of rows) {
    const v = versionOf.get(r.versionId)!;
    const holder = r.holderAtRequest ? versionOf.get(r.holderAtRequest) : undefined;
    out.push({
      id: r.id,
      modelId: r.modelId,
      modelName: v.modelName,
      versionId: r.versionId,
      version: v.version.version,
      kind: r.kind,
      target: r.target,
      archiveExisting: r.kind === 'rollback' || r.archiveExisting,
      comment: r.comment,
      status: r.status,
      requestedBy: r.requestedBy ? (people.get(r.requestedBy) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy ? (people.get(r.decidedBy) ?? null) : null,
      stageAtRequest: r.stageAtRequest,
      holderAtRequest: holder?.version.version ?? null,
      requiredApprovals: await requiredApprovals(tx, r.modelId, policyTargetOf(r)),
      approvals: approvals
        .filter((a) => a.requestId === r.id)
        .map((a) => ({ approver: people.get(a.approverId) ?? { id: a.approverId, email: null, name: null }, decision: a.decision, comment: a.comment, decidedAt: a.decidedAt.toISOString() })),
      stale: r.status === 'pending' ? await isStale(tx, r, v.version) : false,
    });
  }
  return out;
}

/** The version a reviewer compares the candidate with: the target's current holder (for Staging, the latest staged other version). */
async function comparisonHolder(tx: Db, request: RequestRow): Promise<VersionRow | null> {
  if (request.kind === 'alias' || request.target === 'Production') {
    const id = await currentHolderId(tx, request);
    if (!id || id === request.versionId) return null;
    const [row] = await tx.select().from(modelVersions).where(eq(modelVersions.id, id));
    return row ?? null;
  }
  if (request.target !== 'Staging') return null;
  const [row] = await tx
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, request.modelId), eq(modelVersions.stage, 'Staging'), ne(modelVersions.id, request.versionId)))
    .orderBy(desc(modelVersions.stageUpdatedAt))
    .limit(1);
  return row ?? null;
}

async function runFacts(tx: Db, runId: string | null): Promise<{ metrics: Map<string, number>; params: Map<string, string> }> {
  if (!runId) return { metrics: new Map(), params: new Map() };
  const m = await tx.select({ key: latestMetrics.key, value: latestMetrics.value }).from(latestMetrics).where(eq(latestMetrics.runId, runId));
  const p = await tx.select({ key: params.key, value: params.value }).from(params).where(eq(params.runId, runId));
  return { metrics: new Map(m.map((x) => [x.key, x.value])), params: new Map(p.map((x) => [x.key, x.value])) };
}

/**
 * What an approver needs on one screen: the request, the candidate and the current holder of the target,
 * their source runs' latest metrics side by side with the difference, the params that differ first, and
 * model-card completeness.
 */
export async function toReviewViews(tx: Db, rows: RequestRow[]): Promise<ReviewView[]> {
  const views = await toRequestViews(tx, rows);
  const out: ReviewView[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const [candidate] = await tx.select().from(modelVersions).where(eq(modelVersions.id, r.versionId));
    const holder = await comparisonHolder(tx, r);
    const c = await runFacts(tx, candidate.runId);
    const h = await runFacts(tx, holder?.runId ?? null);
    const metricKeys = [...new Set([...c.metrics.keys(), ...h.metrics.keys()])].sort();
    const paramKeys = [...new Set([...c.params.keys(), ...h.params.keys()])].sort();
    const paramDiffs = paramKeys.map((key) => {
      const cv = c.params.get(key) ?? null;
      const hv = holder ? (h.params.get(key) ?? null) : null;
      return { key, candidate: cv, holder: hv, changed: holder !== null && cv !== hv };
    });
    out.push({
      request: views[i],
      candidate: toVersionSummary(candidate),
      holder: holder ? toVersionSummary(holder) : null,
      metrics: metricKeys.map((key) => {
        const cv = c.metrics.get(key);
        const hv = h.metrics.get(key);
        const difference = cv !== undefined && hv !== undefined && Number.isFinite(cv) && Number.isFinite(hv) ? cv - hv : null;
        return { key, candidate: cv === undefined ? null : encodeMetricValue(cv), holder: hv === undefined ? null : encodeMetricValue(hv), difference };
      }),
      params: [...paramDiffs.filter((p) => p.changed), ...paramDiffs.filter((p) => !p.changed)],
    });
  }
  return out;
}
