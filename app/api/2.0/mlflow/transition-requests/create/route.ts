import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowCreateTransitionRequest } from '@/lib/api/mlflow-registry-requests';

export const POST = mlflowRoute(mlflowCreateTransitionRequest);
