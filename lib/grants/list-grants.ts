import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema/identity';
import { defineService } from '@/lib/services/define-service';
import { callerRights, findResource, loadGrantViews } from './resources';
import { ListGrantsInput, type GrantsView } from './schemas';

/** Who holds which grant on an experiment or a model, its owner, and what the caller may do there. Open to every role. */
export const listGrants = defineService({
  name: 'grants.list',
  permission: 'read',
  input: ListGrantsInput,
  async run({ tx, actor }, input): Promise<GrantsView> {
    const resource = await findResource(tx, input);
    const grants = await loadGrantViews(tx, resource);
    const [owner] = resource.ownerId ? await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, resource.ownerId)) : [];
    const own = grants.find((g) => g.user.id === actor.userId)?.level ?? null;
    return { resourceType: resource.type, resourceId: resource.id, resourceName: resource.name, owner: owner ?? null, grants, ...callerRights(actor, resource, own) };
  },
});
