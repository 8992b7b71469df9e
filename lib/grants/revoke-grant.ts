import 'server-only';
import { eq } from 'drizzle-orm';
import { resourceGrants } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { auditShape, granteeByEmail } from './grant-access';
import { loadGrantViews, loadResourceForGrantChange } from './resources';
import { RevokeGrantInput, type GrantChangeView } from './schemas';

/**
 * Takes a user's grant on an experiment or a registered model away (grant.manage, MANAGE on the resource).
 * It holds from the next request on: every write reads the grant again under the resource's row lock.
 * 404 when the user holds no grant there.
 */
export const revokeGrant = defineService({
  name: 'grants.revoke',
  permission: 'grant.manage',
  input: RevokeGrantInput,
  async run({ tx, actor }, input): Promise<GrantChangeView> {
    const resource = await loadResourceForGrantChange(tx, actor, input);
    const user = await granteeByEmail(tx, input.email);
    const [before] = await loadGrantViews(tx, resource, user.id);
    if (!before) throw new NotFoundError(`Grant on '${resource.name}' for`, user.email);
    await tx.delete(resourceGrants).where(eq(resourceGrants.id, before.id));
    await recordAudit(tx, actor, 'grant.revoke', { type: resource.type, id: resource.id }, { before: auditShape(before), after: null });
    return { grant: null, change: 'revoke' };
  },
});
