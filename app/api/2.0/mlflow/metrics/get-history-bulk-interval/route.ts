import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetMetricHistoryBulkInterval } from '@/lib/api/mlflow-runs';

export const GET = mlflowRoute(mlflowGetMetricHistoryBulkInterval);
