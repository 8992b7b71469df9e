import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteModelOp, getModelOp, updateModelOp } from '@/lib/api/v1/operations/registry';
import { deleteModel } from '@/lib/registry/delete-model';
import { getModel } from '@/lib/registry/get-model';
import { updateModel } from '@/lib/registry/update-model';

export const GET = apiRoute(getModelOp, ({ actor, input }) => getModel(actor, input));
export const PATCH = apiRoute(updateModelOp, ({ actor, input }) => updateModel(actor, input));
export const DELETE = apiRoute(deleteModelOp, ({ actor, input }) => deleteModel(actor, input));
