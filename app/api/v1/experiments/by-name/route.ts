import { apiRoute } from '@/lib/api/v1/api-route';
import { getExperimentByNameOp } from '@/lib/api/v1/operations/tracking';
import { getExperimentByName } from '@/lib/experiments/get-experiment';

export const GET = apiRoute(getExperimentByNameOp, ({ actor, input }) => getExperimentByName(actor, input));
