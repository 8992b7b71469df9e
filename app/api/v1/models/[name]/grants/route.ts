import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteModelGrantOp, listModelGrantsOp, putModelGrantOp } from '@/lib/api/v1/operations/grants';
import { grantAccess } from '@/lib/grants/grant-access';
import { listGrants } from '@/lib/grants/list-grants';
import { revokeGrant } from '@/lib/grants/revoke-grant';

export const GET = apiRoute(listModelGrantsOp, ({ actor, input }) => listGrants(actor, { ...input, resourceType: 'registered_model' }));
export const PUT = apiRoute(putModelGrantOp, ({ actor, input }) => grantAccess(actor, { ...input, resourceType: 'registered_model' }));
export const DELETE = apiRoute(deleteModelGrantOp, ({ actor, input }) => revokeGrant(actor, { ...input, resourceType: 'registered_model' }));
