import { apiRoute } from '@/lib/api/v1/api-route';
import { decideTransitionOp } from '@/lib/api/v1/operations/registry';
import { decideTransition } from '@/lib/registry/decide-transition';

export const POST = apiRoute(decideTransitionOp, ({ actor, input }) => decideTransition(actor, input));
