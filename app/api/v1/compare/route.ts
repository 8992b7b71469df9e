import { apiRoute } from '@/lib/api/v1/api-route';
import { getComparisonOp } from '@/lib/api/v1/operations/compare';
import { getComparison } from '@/lib/compare/get-comparison';

export const POST = apiRoute(getComparisonOp, ({ actor, input }) => getComparison(actor, input));
