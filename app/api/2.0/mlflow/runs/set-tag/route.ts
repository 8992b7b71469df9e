import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSetTag } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowSetTag);
