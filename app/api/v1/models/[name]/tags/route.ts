import { apiRoute } from '@/lib/api/v1/api-route';
import { setModelTagOp } from '@/lib/api/v1/operations/registry';
import { setModelTag } from '@/lib/registry/update-model';

export const POST = apiRoute(setModelTagOp, ({ actor, input }) => setModelTag(actor, input));
