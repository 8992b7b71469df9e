import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowGetModelVersionDownloadUri } from '@/lib/api/mlflow-registry-versions';

export const GET = mlflowRoute(mlflowGetModelVersionDownloadUri);
