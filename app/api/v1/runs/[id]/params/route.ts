import { apiRoute } from '@/lib/api/v1/api-route';
import { logParamOp } from '@/lib/api/v1/operations/tracking';
import { logParam } from '@/lib/experiments/log-param';

export const POST = apiRoute(logParamOp, ({ actor, input }) => logParam(actor, input));
