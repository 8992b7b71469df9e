import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetRegisteredModel } from '@/lib/api/mlflow-registry-models';

export const GET = mlflowRoute(mlflowGetRegisteredModel);
