import type { ModelView, RequestView, VersionBrief, VersionView } from '@/lib/registry/schemas';
import type { MlflowKeyValue } from './mlflow-views';

/*
 * Registry views → MLflow's protobuf JSON (mlflow/protos/model_registry.proto and Databricks' transition
 * request messages): snake_case, version numbers as strings, timestamps as epoch milliseconds, tags as
 * [{key, value}], unset fields and empty lists left out.
 */

export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  current_stage: string;
  description?: string;
  source?: string;
  run_id?: string;
  /** MLflow 3: the logged model the version was registered from. */
  model_id?: string;
  status: string;
  status_message?: string;
  tags?: MlflowKeyValue[];
  aliases?: string[];
}

export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  description?: string;
  latest_versions?: Partial<MlflowModelVersion>[];
  tags?: MlflowKeyValue[];
  aliases?: { alias: string; version: string }[];
}

export interface MlflowTransitionRequest {
  id: string;
  creation_timestamp: number;
  to_stage: string;
  user_id?: string;
  comment?: string;
}

export interface MlflowActivity {
  id: string;
  activity_type: 'APPROVED_REQUEST' | 'REJECTED_REQUEST' | 'CANCELLED_REQUEST' | 'APPLIED_TRANSITION' | 'REQUESTED_TRANSITION';
  from_stage: string;
  to_stage: string;
  user_id?: string;
  creation_timestamp: number;
  comment?: string;
}

export const ms = (iso: string): number => Date.parse(iso);

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
const orUndefined = (s: string | null | undefined): string | undefined => (s === null || s === undefined || s === '' ? undefined : s);

export function toMlflowTags(tags: Record<string, string>): MlflowKeyValue[] | undefined {
  return nonEmpty(Object.entries(tags).map(([key, value]) => ({ key, value })));
}

export function toMlflowModelVersion(v: VersionView): MlflowModelVersion {
  return {
    name: v.modelName,
    version: String(v.version),
    creation_timestamp: ms(v.createdAt),
    last_updated_timestamp: ms(v.updatedAt),
    user_id: orUndefined(v.createdBy),
    current_stage: v.stage,
    description: orUndefined(v.description),
    source: orUndefined(v.source),
    run_id: orUndefined(v.runId),
    model_id: orUndefined(v.loggedModelId),
    status: v.status,
    status_message: orUndefined(v.statusMessage),
    tags: toMlflowTags(v.tags),
    aliases: nonEmpty(v.aliases),
  };
}

function briefToLatest(name: string, b: VersionBrief): Partial<MlflowModelVersion> {
  return { name, version: String(b.version), creation_timestamp: ms(b.createdAt), current_stage: b.stage, status: b.status };
}

/**
 * `latest_versions` as MLflow fills it: the newest version of each stage. The model view carries the
 * newest version overall, the Production holder and the Staging versions; those are what is listed.
 */
export function latestVersionsOf(m: ModelView): Partial<MlflowModelVersion>[] {
  const newestByStage = new Map<string, VersionBrief>();
  for (const b of [m.latestVersion, m.production, ...m.staging]) {
    if (!b) continue;
    const seen = newestByStage.get(b.stage);
    if (!seen || seen.version < b.version) newestByStage.set(b.stage, b);
  }
  return [...newestByStage.values()].sort((a, b) => a.version - b.version).map((b) => briefToLatest(m.name, b));
}

export function toMlflowRegisteredModel(m: ModelView): MlflowRegisteredModel {
  return {
    name: m.name,
    creation_timestamp: ms(m.createdAt),
    last_updated_timestamp: ms(m.updatedAt),
    user_id: orUndefined(m.ownerEmail ?? m.ownerId),
    description: orUndefined(m.description),
    latest_versions: nonEmpty(latestVersionsOf(m)),
    tags: toMlflowTags(m.tags),
    aliases: nonEmpty(m.aliases.filter((a) => a.version !== null).map((a) => ({ alias: a.alias, version: String(a.version) }))),
  };
}

const userOf = (u: RequestView['requestedBy']): string | undefined => (u ? (u.email ?? u.id) : undefined);

export function toMlflowTransitionRequest(r: RequestView): MlflowTransitionRequest {
  return { id: r.id, creation_timestamp: ms(r.createdAt), to_stage: r.target, user_id: userOf(r.requestedBy), comment: orUndefined(r.comment) };
}

/** The activity a decision leaves: the decider's entry on the request, or the request itself when it was cancelled. */
export function toMlflowActivity(r: RequestView, decision: 'approve' | 'reject' | 'cancel', deciderId: string | null): MlflowActivity {
  const mine = r.approvals.filter((a) => a.approver.id === deciderId).at(-1);
  const type = decision === 'approve' ? 'APPROVED_REQUEST' : decision === 'reject' ? 'REJECTED_REQUEST' : 'CANCELLED_REQUEST';
  return {
    id: r.id,
    activity_type: type,
    from_stage: r.stageAtRequest,
    to_stage: r.target,
    user_id: mine ? userOf(mine.approver) : userOf(r.decidedBy),
    creation_timestamp: ms(mine?.decidedAt ?? r.decidedAt ?? r.createdAt),
    comment: orUndefined(mine?.comment),
  };
}
