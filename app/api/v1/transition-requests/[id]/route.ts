import { apiRoute } from '@/lib/api/v1/api-route';
import { getTransitionRequestOp } from '@/lib/api/v1/operations/registry';
import { getTransitionRequest } from '@/lib/registry/list-transition-requests';

export const GET = apiRoute(getTransitionRequestOp, ({ actor, input }) => getTransitionRequest(actor, input));
