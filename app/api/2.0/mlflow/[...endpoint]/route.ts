import { mlflowRoute } from '@/lib/api/mlflow';
import { mlflowUnknownEndpoint } from '@/lib/api/mlflow-experiments';

// Endpoints of MLflow's API that Modelkeep does not serve answer as MLflow's server does, in JSON.
const unknown = mlflowRoute(mlflowUnknownEndpoint, { route: '/api/2.0/mlflow/[...endpoint]', body: 'stream' });
export { unknown as GET, unknown as POST, unknown as PATCH, unknown as PUT, unknown as DELETE };
