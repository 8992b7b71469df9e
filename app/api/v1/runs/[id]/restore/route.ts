import { apiRoute } from '@/lib/api/v1/api-route';
import { restoreRunOp } from '@/lib/api/v1/operations/tracking';
import { restoreRun } from '@/lib/experiments/delete-run';

export const POST = apiRoute(restoreRunOp, ({ actor, input }) => restoreRun(actor, input));
