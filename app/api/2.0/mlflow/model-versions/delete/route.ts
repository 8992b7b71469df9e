import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteModelVersion } from '@/lib/api/mlflow-registry-versions';

export const DELETE = mlflowRoute(mlflowDeleteModelVersion);
