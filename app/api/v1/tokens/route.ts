import { apiRoute } from '@/lib/api/v1/api-route';
import { createTokenOp, listTokensOp } from '@/lib/api/v1/operations/platform';
import { createToken } from '@/lib/tokens/create-token';
import { listTokens } from '@/lib/tokens/list-tokens';

export const GET = apiRoute(listTokensOp, ({ actor, input }) => listTokens(actor, input));
export const POST = apiRoute(createTokenOp, ({ actor, input }) => createToken(actor, input));
