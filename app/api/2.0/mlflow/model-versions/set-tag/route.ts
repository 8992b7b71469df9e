import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSetModelVersionTag } from '@/lib/api/mlflow-registry-versions';

export const POST = mlflowRoute(mlflowSetModelVersionTag);
