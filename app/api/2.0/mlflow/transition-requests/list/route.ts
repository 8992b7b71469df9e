import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowListTransitionRequests } from '@/lib/api/mlflow-registry-requests';

export const GET = mlflowRoute(mlflowListTransitionRequests);
