import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetMetricHistory } from '@/lib/api/mlflow-runs';

export const GET = mlflowRoute(mlflowGetMetricHistory);
