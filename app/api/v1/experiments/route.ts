import { apiRoute } from '@/lib/api/v1/api-route';
import { createExperimentOp, listExperimentsOp } from '@/lib/api/v1/operations/tracking';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { listExperiments } from '@/lib/experiments/list-experiments';

export const GET = apiRoute(listExperimentsOp, ({ actor, input }) => listExperiments(actor, input));
export const POST = apiRoute(createExperimentOp, ({ actor, input }) => createExperiment(actor, input));
