import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowCreateRun } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowCreateRun);
