import { apiRoute } from '@/lib/api/v1/api-route';
import { listRunArtifactsOp } from '@/lib/api/v1/operations/artifacts';
import { listRunArtifacts } from '@/lib/artifacts/run-artifacts';

export const GET = apiRoute(listRunArtifactsOp, ({ actor, input }) => listRunArtifacts(actor, { runId: input.id, path: input.path ?? '' }));
