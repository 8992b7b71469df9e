import { apiRoute } from '@/lib/api/v1/api-route';
import { cancelTransitionOp } from '@/lib/api/v1/operations/registry';
import { cancelTransition } from '@/lib/registry/cancel-transition';

export const POST = apiRoute(cancelTransitionOp, ({ actor, input }) => cancelTransition(actor, input));
