import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteModelVersionTag } from '@/lib/api/mlflow-registry-versions';

export const DELETE = mlflowRoute(mlflowDeleteModelVersionTag);
