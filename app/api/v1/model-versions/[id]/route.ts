import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteVersionOp, getVersionOp, updateVersionOp } from '@/lib/api/v1/operations/registry';
import { deleteVersion } from '@/lib/registry/delete-version';
import { getVersion } from '@/lib/registry/get-version';
import { updateVersion } from '@/lib/registry/update-version';

export const GET = apiRoute(getVersionOp, ({ actor, input }) => getVersion(actor, input));
export const PATCH = apiRoute(updateVersionOp, ({ actor, input }) => updateVersion(actor, input));
export const DELETE = apiRoute(deleteVersionOp, ({ actor, input }) => deleteVersion(actor, input));
