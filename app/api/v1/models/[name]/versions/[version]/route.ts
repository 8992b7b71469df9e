import { apiRoute } from '@/lib/api/v1/api-route';
import { getVersionByNumberOp } from '@/lib/api/v1/operations/registry';
import { getVersion } from '@/lib/registry/get-version';

export const GET = apiRoute(getVersionByNumberOp, ({ actor, input }) => getVersion(actor, input));
