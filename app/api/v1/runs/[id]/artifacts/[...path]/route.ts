import { apiRoute } from '@/lib/api/v1/api-route';
import { downloadRunArtifactOp, uploadRunArtifactOp } from '@/lib/api/v1/operations/artifacts';
import { artifactResponse, urlPathAfter } from '@/lib/artifacts/artifact-response';
import { withRawBody } from '@/lib/artifacts/raw-body-route';
import { openRunArtifact, uploadRunArtifact } from '@/lib/artifacts/run-artifacts';

const pathOf = (request: Request) => urlPathAfter(request, '/artifacts/');

export const GET = apiRoute(downloadRunArtifactOp, async ({ actor, input, request }) => artifactResponse(await openRunArtifact(actor, { runId: input.id, path: pathOf(request) })));
export const PUT = withRawBody((body) => apiRoute(uploadRunArtifactOp, ({ actor, input, request }) => uploadRunArtifact(actor, { runId: input.id, path: pathOf(request) }, body)));
