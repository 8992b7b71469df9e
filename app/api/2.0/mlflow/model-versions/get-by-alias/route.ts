import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetModelVersionByAlias } from '@/lib/api/mlflow-registry-models';

export const GET = mlflowRoute(mlflowGetModelVersionByAlias);
