import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteVersionTagOp } from '@/lib/api/v1/operations/registry';
import { deleteVersionTag } from '@/lib/registry/update-version';

export const DELETE = apiRoute(deleteVersionTagOp, ({ actor, input }) => deleteVersionTag(actor, input));
