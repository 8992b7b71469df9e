import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteExperimentGrantOp, listExperimentGrantsOp, putExperimentGrantOp } from '@/lib/api/v1/operations/grants';
import { grantAccess } from '@/lib/grants/grant-access';
import { listGrants } from '@/lib/grants/list-grants';
import { revokeGrant } from '@/lib/grants/revoke-grant';

export const GET = apiRoute(listExperimentGrantsOp, ({ actor, input }) => listGrants(actor, { ...input, resourceType: 'experiment' }));
export const PUT = apiRoute(putExperimentGrantOp, ({ actor, input }) => grantAccess(actor, { ...input, resourceType: 'experiment' }));
export const DELETE = apiRoute(deleteExperimentGrantOp, ({ actor, input }) => revokeGrant(actor, { ...input, resourceType: 'experiment' }));
