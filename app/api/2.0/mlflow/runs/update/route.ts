import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowUpdateRun } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowUpdateRun);
