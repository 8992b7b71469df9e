import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetLatestVersions } from '@/lib/api/mlflow-registry-models';

export const POST = mlflowRoute(mlflowGetLatestVersions);
export const GET = mlflowRoute(mlflowGetLatestVersions);
