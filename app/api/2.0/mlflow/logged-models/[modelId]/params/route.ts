import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowLogLoggedModelParams } from '@/lib/api/mlflow-logged-models';

export const POST = mlflowRoute(mlflowLogLoggedModelParams, { route: '/api/2.0/mlflow/logged-models/[modelId]/params' });
