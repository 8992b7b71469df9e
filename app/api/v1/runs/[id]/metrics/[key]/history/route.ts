import { apiRoute } from '@/lib/api/v1/api-route';
import { getMetricHistoryOp, metricHistoryInputFrom } from '@/lib/api/v1/operations/search';
import { getMetricHistory } from '@/lib/experiments/get-metric-history';

export const GET = apiRoute(getMetricHistoryOp, ({ actor, input, params }) => getMetricHistory(actor, metricHistoryInputFrom(input, params)));
