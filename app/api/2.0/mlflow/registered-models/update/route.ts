import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowUpdateRegisteredModel } from '@/lib/api/mlflow-registry-models';

export const PATCH = mlflowRoute(mlflowUpdateRegisteredModel);
