import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteExperiment } from '@/lib/api/mlflow-experiments';

export const POST = mlflowRoute(mlflowDeleteExperiment);
