import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteRegisteredModel } from '@/lib/api/mlflow-registry-models';

export const DELETE = mlflowRoute(mlflowDeleteRegisteredModel);
