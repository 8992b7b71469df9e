import { apiRoute } from '@/lib/api/v1/api-route';
import { getComparisonCurvesOp } from '@/lib/api/v1/operations/compare';
import { getComparisonCurves } from '@/lib/compare/get-comparison-curves';

export const POST = apiRoute(getComparisonCurvesOp, ({ actor, input }) => getComparisonCurves(actor, input));
