import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteLoggedModel, mlflowFinalizeLoggedModel, mlflowGetLoggedModel } from '@/lib/api/mlflow-logged-models';

const route = '/api/2.0/mlflow/logged-models/[modelId]';
export const GET = mlflowRoute(mlflowGetLoggedModel, { route });
export const PATCH = mlflowRoute(mlflowFinalizeLoggedModel, { route });
export const DELETE = mlflowRoute(mlflowDeleteLoggedModel, { route });
