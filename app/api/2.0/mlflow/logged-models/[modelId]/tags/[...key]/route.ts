import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteLoggedModelTag } from '@/lib/api/mlflow-logged-models';

export const DELETE = mlflowRoute(mlflowDeleteLoggedModelTag, { route: '/api/2.0/mlflow/logged-models/[modelId]/tags/[...key]' });
