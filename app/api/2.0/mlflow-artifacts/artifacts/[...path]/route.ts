import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowProxyDelete, mlflowProxyDownload, mlflowProxyUpload } from '@/lib/api/mlflow-artifacts';

const route = '/api/2.0/mlflow-artifacts/artifacts/[...path]';

export const GET = mlflowRoute(mlflowProxyDownload, { route });
export const PUT = mlflowRoute(mlflowProxyUpload, { route, body: 'stream' });
export const DELETE = mlflowRoute(mlflowProxyDelete, { route, body: 'stream' });
