import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteExperimentTagOp } from '@/lib/api/v1/operations/tracking';
import { deleteExperimentTag } from '@/lib/experiments/update-experiment';

export const DELETE = apiRoute(deleteExperimentTagOp, ({ actor, input }) => deleteExperimentTag(actor, input));
