import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { apiRoute } from '@/lib/api/v1/api-route';
import { listAuditEventsOp } from '@/lib/api/v1/operations/platform';

export const GET = apiRoute(listAuditEventsOp, ({ actor, input }) => listAuditEvents(actor, input));
