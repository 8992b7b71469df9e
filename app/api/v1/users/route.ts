import { apiRoute } from '@/lib/api/v1/api-route';
import { createUserOp, listUsersOp } from '@/lib/api/v1/operations/platform';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';

export const GET = apiRoute(listUsersOp, ({ actor, input }) => listUsers(actor, input));
export const POST = apiRoute(createUserOp, ({ actor, input }) => createUser(actor, input));
