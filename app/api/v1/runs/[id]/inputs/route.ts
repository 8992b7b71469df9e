import { apiRoute } from '@/lib/api/v1/api-route';
import { listRunInputsOp, logInputsOp } from '@/lib/api/v1/operations/tracking';
import { listRunInputs, logInputs } from '@/lib/experiments/datasets';

export const GET = apiRoute(listRunInputsOp, ({ actor, input }) => listRunInputs(actor, input));
export const POST = apiRoute(logInputsOp, ({ actor, input }) => logInputs(actor, input));
