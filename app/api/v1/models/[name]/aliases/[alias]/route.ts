import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteAliasOp, getVersionByAliasOp, setAliasOp } from '@/lib/api/v1/operations/registry';
import { deleteAlias } from '@/lib/registry/delete-alias';
import { getVersionByAlias } from '@/lib/registry/get-version';
import { setAlias } from '@/lib/registry/set-alias';

export const GET = apiRoute(getVersionByAliasOp, ({ actor, input }) => getVersionByAlias(actor, input));
export const PUT = apiRoute(setAliasOp, ({ actor, input }) => setAlias(actor, input));
export const DELETE = apiRoute(deleteAliasOp, ({ actor, input }) => deleteAlias(actor, input));
