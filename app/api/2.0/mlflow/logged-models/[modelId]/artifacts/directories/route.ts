import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowListLoggedModelArtifacts } from '@/lib/api/mlflow-logged-models';

export const GET = mlflowRoute(mlflowListLoggedModelArtifacts, { route: '/api/2.0/mlflow/logged-models/[modelId]/artifacts/directories' });
