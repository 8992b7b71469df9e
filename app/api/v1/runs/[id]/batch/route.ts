import { apiRoute } from '@/lib/api/v1/api-route';
import { logBatchOp } from '@/lib/api/v1/operations/tracking';
import { logBatch } from '@/lib/experiments/log-batch';

export const POST = apiRoute(logBatchOp, ({ actor, input }) => logBatch(actor, input));
