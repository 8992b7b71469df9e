import { apiRoute } from '@/lib/api/v1/api-route';
import { getMetricHistoriesBulkOp } from '@/lib/api/v1/operations/search';
import { getMetricHistoriesBulk } from '@/lib/experiments/get-metric-history';

export const POST = apiRoute(getMetricHistoriesBulkOp, ({ actor, input }) => getMetricHistoriesBulk(actor, input));
