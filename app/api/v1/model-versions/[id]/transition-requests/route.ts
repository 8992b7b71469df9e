import { apiRoute } from '@/lib/api/v1/api-route';
import { requestTransitionOp } from '@/lib/api/v1/operations/registry';
import { requestTransition } from '@/lib/registry/request-transition';

export const POST = apiRoute(requestTransitionOp, ({ actor, input }) => requestTransition(actor, input));
