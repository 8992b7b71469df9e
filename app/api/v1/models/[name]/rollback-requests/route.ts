import { apiRoute } from '@/lib/api/v1/api-route';
import { requestRollbackOp } from '@/lib/api/v1/operations/registry';
import { requestRollback } from '@/lib/registry/request-rollback';

export const POST = apiRoute(requestRollbackOp, ({ actor, input }) => requestRollback(actor, input));
