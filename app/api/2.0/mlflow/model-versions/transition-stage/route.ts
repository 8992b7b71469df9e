import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowTransitionModelVersionStage } from '@/lib/api/mlflow-registry-versions';

export const POST = mlflowRoute(mlflowTransitionModelVersionStage);
