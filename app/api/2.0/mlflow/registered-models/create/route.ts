import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowCreateRegisteredModel } from '@/lib/api/mlflow-registry-models';

export const POST = mlflowRoute(mlflowCreateRegisteredModel);
