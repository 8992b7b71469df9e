import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowDeleteRegisteredModelAlias, mlflowGetModelVersionByAlias, mlflowSetRegisteredModelAlias } from '@/lib/api/mlflow-registry-models';

export const POST = mlflowRoute(mlflowSetRegisteredModelAlias);
export const DELETE = mlflowRoute(mlflowDeleteRegisteredModelAlias);
export const GET = mlflowRoute(mlflowGetModelVersionByAlias);
