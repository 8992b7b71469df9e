import { apiRoute } from '@/lib/api/v1/api-route';
import { aliasAtOp } from '@/lib/api/v1/operations/registry';
import { getAliasHolderAt } from '@/lib/registry/history-queries';

export const GET = apiRoute(aliasAtOp, ({ actor, input }) => getAliasHolderAt(actor, input));
