import { apiRoute } from '@/lib/api/v1/api-route';
import { restoreExperimentOp } from '@/lib/api/v1/operations/tracking';
import { restoreExperiment } from '@/lib/experiments/delete-experiment';

export const POST = apiRoute(restoreExperimentOp, ({ actor, input }) => restoreExperiment(actor, input));
