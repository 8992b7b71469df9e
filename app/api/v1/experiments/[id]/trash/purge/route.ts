import { apiRoute } from '@/lib/api/v1/api-route';
import { purgeExperimentTrashOp } from '@/lib/api/v1/operations/tracking';
import { purgeExperimentTrashAndArtifacts } from '@/lib/artifacts/purge-artifacts';

export const POST = apiRoute(purgeExperimentTrashOp, ({ actor, input }) => purgeExperimentTrashAndArtifacts(actor, input));
