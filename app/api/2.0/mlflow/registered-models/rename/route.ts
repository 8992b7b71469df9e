import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowRenameRegisteredModel } from '@/lib/api/mlflow-registry-models';

export const POST = mlflowRoute(mlflowRenameRegisteredModel);
