import { apiRoute } from '@/lib/api/v1/api-route';
import { getPolicyOp, resetPolicyOp, setPolicyOp } from '@/lib/api/v1/operations/registry';
import { getRegistryPolicy, resetRegistryPolicy, setRegistryPolicy } from '@/lib/registry/registry-policy';

export const GET = apiRoute(getPolicyOp, ({ actor, input }) => getRegistryPolicy(actor, input));
export const PUT = apiRoute(setPolicyOp, ({ actor, input }) => setRegistryPolicy(actor, input));
export const DELETE = apiRoute(resetPolicyOp, ({ actor, input }) => resetRegistryPolicy(actor, input));
