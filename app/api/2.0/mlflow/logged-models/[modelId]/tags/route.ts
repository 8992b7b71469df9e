import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowSetLoggedModelTags } from '@/lib/api/mlflow-logged-models';

export const PATCH = mlflowRoute(mlflowSetLoggedModelTags, { route: '/api/2.0/mlflow/logged-models/[modelId]/tags' });
