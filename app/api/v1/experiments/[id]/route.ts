import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteExperimentOp, getExperimentOp, updateExperimentOp } from '@/lib/api/v1/operations/tracking';
import { deleteExperiment } from '@/lib/experiments/delete-experiment';
import { getExperiment } from '@/lib/experiments/get-experiment';
import { updateExperiment } from '@/lib/experiments/update-experiment';

export const GET = apiRoute(getExperimentOp, ({ actor, input }) => getExperiment(actor, input));
export const PATCH = apiRoute(updateExperimentOp, ({ actor, input }) => updateExperiment(actor, input));
export const DELETE = apiRoute(deleteExperimentOp, ({ actor, input }) => deleteExperiment(actor, input));
