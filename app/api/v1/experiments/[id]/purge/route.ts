import { apiRoute } from '@/lib/api/v1/api-route';
import { purgeExperimentOp } from '@/lib/api/v1/operations/tracking';
import { purgeExperimentAndArtifacts } from '@/lib/artifacts/purge-artifacts';

export const POST = apiRoute(purgeExperimentOp, ({ actor, input }) => purgeExperimentAndArtifacts(actor, input));
