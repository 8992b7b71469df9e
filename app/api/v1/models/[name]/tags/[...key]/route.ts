import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteModelTagOp } from '@/lib/api/v1/operations/registry';
import { deleteModelTag } from '@/lib/registry/update-model';

export const DELETE = apiRoute(deleteModelTagOp, ({ actor, input }) => deleteModelTag(actor, input));
