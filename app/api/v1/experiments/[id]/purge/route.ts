import { apiRoute } from '@/lib/api/v1/api-route';
import { purgeExperimentOp } from '@/lib/api/v1/operations/tracking';
import { purgeExperiment } from '@/lib/experiments/purge-experiment';

export const POST = apiRoute(purgeExperimentOp, ({ actor, input }) => purgeExperiment(actor, input));
