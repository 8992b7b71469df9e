import { apiRoute } from '@/lib/api/v1/api-route';
import { logMetricOp } from '@/lib/api/v1/operations/tracking';
import { logMetric } from '@/lib/experiments/log-metric';

export const POST = apiRoute(logMetricOp, ({ actor, input }) => logMetric(actor, input));
