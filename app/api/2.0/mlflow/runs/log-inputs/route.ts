import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogInputs } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowLogInputs);
