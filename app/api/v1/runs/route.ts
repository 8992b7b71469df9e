import { apiRoute } from '@/lib/api/v1/api-route';
import { createRunOp } from '@/lib/api/v1/operations/tracking';
import { createRun } from '@/lib/experiments/create-run';

export const POST = apiRoute(createRunOp, ({ actor, input }) => createRun(actor, input));
