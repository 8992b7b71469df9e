import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowApproveTransitionRequest } from '@/lib/api/mlflow-registry-requests';

export const POST = mlflowRoute(mlflowApproveTransitionRequest);
