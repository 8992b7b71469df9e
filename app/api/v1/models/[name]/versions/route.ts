import { apiRoute } from '@/lib/api/v1/api-route';
import { createVersionOp, listVersionsOp } from '@/lib/api/v1/operations/registry';
import { createVersion } from '@/lib/registry/create-version';
import { listVersions } from '@/lib/registry/list-versions';

export const GET = apiRoute(listVersionsOp, ({ actor, input }) => listVersions(actor, input));
export const POST = apiRoute(createVersionOp, ({ actor, input }) => createVersion(actor, input));
