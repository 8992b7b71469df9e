import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteTag } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowDeleteTag);
