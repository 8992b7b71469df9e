import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteAliasOp, setAliasOp } from '@/lib/api/v1/operations/registry';
import { deleteAlias } from '@/lib/registry/delete-alias';
import { setAlias } from '@/lib/registry/set-alias';

export const PUT = apiRoute(setAliasOp, ({ actor, input }) => setAlias(actor, input));
export const DELETE = apiRoute(deleteAliasOp, ({ actor, input }) => deleteAlias(actor, input));
