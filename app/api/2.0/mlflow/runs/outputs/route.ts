import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogOutputs } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowLogOutputs);
