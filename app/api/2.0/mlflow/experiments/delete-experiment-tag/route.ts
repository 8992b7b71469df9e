import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteExperimentTag } from '@/lib/api/mlflow-experiments';

export const POST = mlflowRoute(mlflowDeleteExperimentTag);
