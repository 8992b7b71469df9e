import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowUpdateExperiment } from '@/lib/api/mlflow-experiments';

export const POST = mlflowRoute(mlflowUpdateExperiment);
