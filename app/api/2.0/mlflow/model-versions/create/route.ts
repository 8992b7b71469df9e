import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowCreateModelVersion } from '@/lib/api/mlflow-registry-versions';

export const POST = mlflowRoute(mlflowCreateModelVersion);
