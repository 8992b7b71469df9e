import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowRestoreRun } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowRestoreRun);
