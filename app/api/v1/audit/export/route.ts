import { auditExportResponse } from '@/lib/audit/export-response';
import { apiRoute } from '@/lib/api/v1/api-route';
import { exportAuditEventsOp } from '@/lib/api/v1/operations/platform';

export const GET = apiRoute(exportAuditEventsOp, ({ actor, input }) => auditExportResponse(actor, input));
