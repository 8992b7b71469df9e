import 'server-only';
import { NotFoundError } from '@/lib/errors';
import { cancelTransition } from '@/lib/registry/cancel-transition';
import { decideTransition } from '@/lib/registry/decide-transition';
import { listTransitionRequests } from '@/lib/registry/list-transition-requests';
import { requestTransition } from '@/lib/registry/request-transition';
import type { RequestView } from '@/lib/registry/schemas';
import type { Actor } from '@/lib/auth/actor';
import type { MlflowContext } from './mlflow';
import { deleteInput } from './mlflow-registry-models';
import { canonicalStage } from './mlflow-registry-input';
import { toMlflowActivity, toMlflowTransitionRequest } from './mlflow-registry-views';
import { optionalString, requiredString, type MlflowInput } from './mlflow-request';

/*
 * Databricks' transition-request endpoints (/mlflow/transition-requests/*), mapped onto the registry's
 * requests. Databricks names a request by model, version and target stage; an `id` (as our answers
 * carry) is accepted too. Deciding goes through decideTransition, so four-eyes and the policy count hold.
 */

const PENDING_PAGE = 100;

async function pendingRequestsOf(actor: Actor, name: string): Promise<RequestView[]> {
  const out: RequestView[] = [];
  let pageToken: string | undefined;
  do {
    const page = await listTransitionRequests(actor, { name, status: 'pending', pageSize: PENDING_PAGE, pageToken });
    out.push(...page.requests.map((r) => r.request));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** The pending request the Databricks fields name: `id`, or `name` + `version` + `stage`. */
async function findPendingRequest(actor: Actor, input: MlflowInput): Promise<string> {
  const id = optionalString(input, 'id');
  if (id) return id;
  const name = requiredString(input, 'name');
  const version = Number(requiredString(input, 'version'));
  const stage = canonicalStage(requiredString(input, 'stage'));
  const found = (await pendingRequestsOf(actor, name)).find((r) => r.version === version && r.target === stage && r.kind !== 'alias');
  if (!found) throw new NotFoundError('Pending transition request', `${name} v${version} → ${stage}`);
  return found.id;
}

/** POST /mlflow/transition-requests/create {name, version, stage, comment?} → {request} */
export async function mlflowCreateTransitionRequest({ actor, input }: MlflowContext) {
  const result = await requestTransition(actor, {
    name: requiredString(input, 'name'),
    version: Number(requiredString(input, 'version')),
    kind: 'stage',
    target: canonicalStage(requiredString(input, 'stage')),
    comment: optionalString(input, 'comment') || undefined,
  });
  return { request: toMlflowTransitionRequest(result.request) };
}

/** POST /mlflow/transition-requests/approve {name, version, stage, archive_existing_versions?, comment?} → {activity} */
export async function mlflowApproveTransitionRequest({ actor, input }: MlflowContext) {
  const id = await findPendingRequest(actor, input);
  const result = await decideTransition(actor, { id, decision: 'approve', comment: optionalString(input, 'comment') || undefined });
  return { activity: toMlflowActivity(result.request, 'approve', actor.userId) };
}

/** POST /mlflow/transition-requests/reject {name, version, stage, comment?} → {activity} */
export async function mlflowRejectTransitionRequest({ actor, input }: MlflowContext) {
  const id = await findPendingRequest(actor, input);
  const result = await decideTransition(actor, { id, decision: 'reject', comment: optionalString(input, 'comment') || undefined });
  return { activity: toMlflowActivity(result.request, 'reject', actor.userId) };
}

/** GET /mlflow/transition-requests/list?name&version → {requests}: the version's pending requests. */
export async function mlflowListTransitionRequests({ actor, input }: MlflowContext) {
  const name = requiredString(input, 'name');
  const version = Number(requiredString(input, 'version'));
  const requests = (await pendingRequestsOf(actor, name)).filter((r) => r.version === version);
  return requests.length ? { requests: requests.map(toMlflowTransitionRequest) } : {};
}

/** DELETE /mlflow/transition-requests/delete {name, version, stage, creator?, comment?} → {}: cancels one's own pending request. */
export async function mlflowDeleteTransitionRequest(ctx: MlflowContext) {
  const id = await findPendingRequest(ctx.actor, deleteInput(ctx));
  await cancelTransition(ctx.actor, { id });
  return {};
}
