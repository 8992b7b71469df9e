import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowMultipartUnsupported } from '@/lib/api/mlflow-artifacts';

export const POST = mlflowRoute(mlflowMultipartUnsupported, { route: '/api/2.0/mlflow-artifacts/mpu/[...path]' });
