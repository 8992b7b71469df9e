import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSearchExperiments } from '@/lib/api/mlflow-experiments';

export const GET = mlflowRoute(mlflowSearchExperiments);
export const POST = mlflowRoute(mlflowSearchExperiments);
