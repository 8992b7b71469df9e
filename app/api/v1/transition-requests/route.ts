import { apiRoute } from '@/lib/api/v1/api-route';
import { listTransitionRequestsOp } from '@/lib/api/v1/operations/registry';
import { listTransitionRequests } from '@/lib/registry/list-transition-requests';

export const GET = apiRoute(listTransitionRequestsOp, ({ actor, input }) => listTransitionRequests(actor, input));
