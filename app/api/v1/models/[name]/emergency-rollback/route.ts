import { apiRoute } from '@/lib/api/v1/api-route';
import { emergencyRollbackOp } from '@/lib/api/v1/operations/registry';
import { emergencyRollback } from '@/lib/registry/emergency-rollback';

export const POST = apiRoute(emergencyRollbackOp, ({ actor, input }) => emergencyRollback(actor, input));
