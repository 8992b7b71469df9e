import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogParam } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowLogParam);
