import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowCreateExperiment } from '@/lib/api/mlflow-experiments';

export const POST = mlflowRoute(mlflowCreateExperiment);
