import { apiRoute } from '@/lib/api/v1/api-route';
import { searchRunsOp } from '@/lib/api/v1/operations/search';
import { searchRuns } from '@/lib/experiments/search-runs';

export const POST = apiRoute(searchRunsOp, ({ actor, input }) => searchRuns(actor, input));
