import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSearchRegisteredModels } from '@/lib/api/mlflow-registry-models';

export const GET = mlflowRoute(mlflowSearchRegisteredModels);
