import { apiRoute } from '@/lib/api/v1/api-route';
import { setRunTagOp } from '@/lib/api/v1/operations/tracking';
import { setRunTag } from '@/lib/experiments/run-tags';

export const POST = apiRoute(setRunTagOp, ({ actor, input }) => setRunTag(actor, input));
