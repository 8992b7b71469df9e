import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSearchModelVersions } from '@/lib/api/mlflow-registry-versions';

export const GET = mlflowRoute(mlflowSearchModelVersions);
