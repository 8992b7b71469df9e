import { apiRoute } from '@/lib/api/v1/api-route';
import { setExperimentTagOp } from '@/lib/api/v1/operations/tracking';
import { setExperimentTag } from '@/lib/experiments/update-experiment';

export const POST = apiRoute(setExperimentTagOp, ({ actor, input }) => setExperimentTag(actor, input));
