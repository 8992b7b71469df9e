import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSetExperimentTag } from '@/lib/api/mlflow-experiments';

export const POST = mlflowRoute(mlflowSetExperimentTag);
