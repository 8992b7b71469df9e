import { apiRoute } from '@/lib/api/v1/api-route';
import { getPolicyOp, setPolicyOp } from '@/lib/api/v1/operations/registry';
import { getRegistryPolicy, setRegistryPolicy } from '@/lib/registry/registry-policy';

export const GET = apiRoute(getPolicyOp, ({ actor, input }) => getRegistryPolicy(actor, input));
export const PUT = apiRoute(setPolicyOp, ({ actor, input }) => setRegistryPolicy(actor, input));
