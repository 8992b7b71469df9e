import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetExperimentByName } from '@/lib/api/mlflow-experiments';

export const GET = mlflowRoute(mlflowGetExperimentByName);
