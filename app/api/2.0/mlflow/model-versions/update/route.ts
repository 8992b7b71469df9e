import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowUpdateModelVersion } from '@/lib/api/mlflow-registry-versions';

export const PATCH = mlflowRoute(mlflowUpdateModelVersion);
