import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogBatch } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowLogBatch);
