import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteRegisteredModelTag } from '@/lib/api/mlflow-registry-models';

export const DELETE = mlflowRoute(mlflowDeleteRegisteredModelTag);
