import { apiRoute } from '@/lib/api/v1/api-route';
import { setVersionTagOp } from '@/lib/api/v1/operations/registry';
import { setVersionTag } from '@/lib/registry/update-version';

export const POST = apiRoute(setVersionTagOp, ({ actor, input }) => setVersionTag(actor, input));
