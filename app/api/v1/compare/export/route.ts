import { apiRoute } from '@/lib/api/v1/api-route';
import { exportComparisonOp } from '@/lib/api/v1/operations/compare';
import { comparisonCsvResponse } from '@/lib/compare/comparison-csv-response';

export const POST = apiRoute(exportComparisonOp, ({ actor, input }) => comparisonCsvResponse(actor, input));
