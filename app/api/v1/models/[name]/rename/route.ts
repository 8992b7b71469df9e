import { apiRoute } from '@/lib/api/v1/api-route';
import { renameModelOp } from '@/lib/api/v1/operations/registry';
import { renameModel } from '@/lib/registry/rename-model';

export const POST = apiRoute(renameModelOp, ({ actor, input }) => renameModel(actor, input));
