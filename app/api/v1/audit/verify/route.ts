import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { apiRoute } from '@/lib/api/v1/api-route';
import { verifyAuditChainOp } from '@/lib/api/v1/operations/platform';

export const GET = apiRoute(verifyAuditChainOp, ({ actor }) => verifyAuditChain(actor, {}));
