import { apiRoute } from '@/lib/api/v1/api-route';
import { listExperimentDatasetsOp } from '@/lib/api/v1/operations/tracking';
import { listExperimentDatasets } from '@/lib/experiments/datasets';

export const GET = apiRoute(listExperimentDatasetsOp, ({ actor, input }) => listExperimentDatasets(actor, input));
