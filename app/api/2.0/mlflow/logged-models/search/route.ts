import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSearchLoggedModels } from '@/lib/api/mlflow-logged-models';

export const POST = mlflowRoute(mlflowSearchLoggedModels);
