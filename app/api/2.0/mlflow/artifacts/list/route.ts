import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowListRunArtifacts } from '@/lib/api/mlflow-artifacts';

export const GET = mlflowRoute(mlflowListRunArtifacts);
