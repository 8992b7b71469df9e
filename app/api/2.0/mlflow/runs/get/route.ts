import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetRun } from '@/lib/api/mlflow-runs';

export const GET = mlflowRoute(mlflowGetRun);
