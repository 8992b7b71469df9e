import { apiRoute } from '@/lib/api/v1/api-route';
import { listChildRunsOp } from '@/lib/api/v1/operations/tracking';
import { listChildRuns } from '@/lib/experiments/get-run';

export const GET = apiRoute(listChildRunsOp, ({ actor, input }) => listChildRuns(actor, input));
