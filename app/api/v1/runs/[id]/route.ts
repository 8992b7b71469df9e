import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteRunOp, getRunOp, updateRunOp } from '@/lib/api/v1/operations/tracking';
import { deleteRun } from '@/lib/experiments/delete-run';
import { getRun } from '@/lib/experiments/get-run';
import { updateRun } from '@/lib/experiments/update-run';

export const GET = apiRoute(getRunOp, ({ actor, input }) => getRun(actor, input));
export const PATCH = apiRoute(updateRunOp, ({ actor, input }) => updateRun(actor, input));
export const DELETE = apiRoute(deleteRunOp, ({ actor, input }) => deleteRun(actor, input));
