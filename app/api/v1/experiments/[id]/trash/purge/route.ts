import { apiRoute } from '@/lib/api/v1/api-route';
import { purgeExperimentTrashOp } from '@/lib/api/v1/operations/tracking';
import { purgeExperimentTrash } from '@/lib/experiments/purge-experiment';

export const POST = apiRoute(purgeExperimentTrashOp, ({ actor, input }) => purgeExperimentTrash(actor, input));
