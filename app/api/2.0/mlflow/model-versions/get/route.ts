import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetModelVersion } from '@/lib/api/mlflow-registry-versions';

export const GET = mlflowRoute(mlflowGetModelVersion);
