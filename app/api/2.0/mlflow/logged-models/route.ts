import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowCreateLoggedModel } from '@/lib/api/mlflow-logged-models';

export const POST = mlflowRoute(mlflowCreateLoggedModel);
