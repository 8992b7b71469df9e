import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteRunTagOp } from '@/lib/api/v1/operations/tracking';
import { deleteRunTag } from '@/lib/experiments/run-tags';

export const DELETE = apiRoute(deleteRunTagOp, ({ actor, input }) => deleteRunTag(actor, input));
