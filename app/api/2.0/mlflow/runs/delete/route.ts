import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteRun } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowDeleteRun);
