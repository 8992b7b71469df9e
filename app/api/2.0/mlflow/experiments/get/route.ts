import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetExperiment } from '@/lib/api/mlflow-experiments';

export const GET = mlflowRoute(mlflowGetExperiment);
