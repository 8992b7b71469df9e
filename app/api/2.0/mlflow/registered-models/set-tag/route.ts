import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSetRegisteredModelTag } from '@/lib/api/mlflow-registry-models';

export const POST = mlflowRoute(mlflowSetRegisteredModelTag);
