import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogModel } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowLogModel);
