import { apiRoute } from '@/lib/api/v1/api-route';
import { protectAliasOp, unprotectAliasOp } from '@/lib/api/v1/operations/registry';
import { protectAlias, unprotectAlias } from '@/lib/registry/protect-alias';

export const PUT = apiRoute(protectAliasOp, ({ actor, input }) => protectAlias(actor, input));
export const DELETE = apiRoute(unprotectAliasOp, ({ actor, input }) => unprotectAlias(actor, input));
