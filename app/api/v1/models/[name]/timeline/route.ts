import { apiRoute } from '@/lib/api/v1/api-route';
import { timelineOp } from '@/lib/api/v1/operations/registry';
import { getModelTimeline } from '@/lib/registry/history-queries';

export const GET = apiRoute(timelineOp, ({ actor, input }) => getModelTimeline(actor, input));
