import { apiRoute } from '@/lib/api/v1/api-route';
import { getMeOp } from '@/lib/api/v1/operations/platform';
import { getMe } from '@/lib/users/get-me';

export const GET = apiRoute(getMeOp, ({ actor }) => getMe(actor, {}));
