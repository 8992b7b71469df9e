import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowRejectTransitionRequest } from '@/lib/api/mlflow-registry-requests';

export const POST = mlflowRoute(mlflowRejectTransitionRequest);
