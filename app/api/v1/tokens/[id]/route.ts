import { apiRoute } from '@/lib/api/v1/api-route';
import { revokeTokenOp } from '@/lib/api/v1/operations/platform';
import { revokeToken } from '@/lib/tokens/revoke-token';

export const DELETE = apiRoute(revokeTokenOp, ({ actor, input }) => revokeToken(actor, input));
