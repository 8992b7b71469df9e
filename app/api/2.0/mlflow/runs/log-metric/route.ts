import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogMetric } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowLogMetric);
