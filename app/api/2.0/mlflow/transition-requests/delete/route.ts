import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteTransitionRequest } from '@/lib/api/mlflow-registry-requests';

export const DELETE = mlflowRoute(mlflowDeleteTransitionRequest);
