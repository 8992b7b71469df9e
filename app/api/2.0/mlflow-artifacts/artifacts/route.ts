import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowProxyList } from '@/lib/api/mlflow-artifacts';

export const GET = mlflowRoute(mlflowProxyList);
