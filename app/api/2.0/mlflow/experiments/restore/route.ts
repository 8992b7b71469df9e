import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowRestoreExperiment } from '@/lib/api/mlflow-experiments';

export const POST = mlflowRoute(mlflowRestoreExperiment);
