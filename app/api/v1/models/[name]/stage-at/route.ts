import { apiRoute } from '@/lib/api/v1/api-route';
import { stageAtOp } from '@/lib/api/v1/operations/registry';
import { getStageHolderAt } from '@/lib/registry/history-queries';

export const GET = apiRoute(stageAtOp, ({ actor, input }) => getStageHolderAt(actor, input));
