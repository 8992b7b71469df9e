import { apiRoute } from '@/lib/api/v1/api-route';
import { updateUserOp } from '@/lib/api/v1/operations/platform';
import { updateUser } from '@/lib/users/update-user';

export const PATCH = apiRoute(updateUserOp, ({ actor, input }) => updateUser(actor, input));
