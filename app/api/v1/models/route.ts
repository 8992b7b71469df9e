import { apiRoute } from '@/lib/api/v1/api-route';
import { createModelOp, searchModelsOp } from '@/lib/api/v1/operations/registry';
import { createModel } from '@/lib/registry/create-model';
import { searchModels } from '@/lib/registry/search-models';

export const GET = apiRoute(searchModelsOp, ({ actor, input }) => searchModels(actor, input));
export const POST = apiRoute(createModelOp, ({ actor, input }) => createModel(actor, input));
