import { apiRoute } from '@/lib/api/v1/api-route';
import { searchVersionsOp } from '@/lib/api/v1/operations/registry';
import { searchVersions } from '@/lib/registry/search-versions';

export const GET = apiRoute(searchVersionsOp, ({ actor, input }) => searchVersions(actor, input));
