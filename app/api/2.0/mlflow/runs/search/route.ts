import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSearchRuns } from '@/lib/api/mlflow-runs';

export const POST = mlflowRoute(mlflowSearchRuns);
