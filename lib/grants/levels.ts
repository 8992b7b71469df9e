import type { GrantLevel, GrantResourceType, Role } from '@/db/schema/identity';
import { roleHasPermission, type Permission } from '@/lib/auth/permissions';

/** The permissions that stand for EDIT and MANAGE on each kind of resource: a grant gives no more than the holder's role has of them. */
const LEVEL_PERMISSIONS: Record<GrantResourceType, { EDIT: Permission; MANAGE: Permission }> = {
  registered_model: { EDIT: 'model.update', MANAGE: 'model.delete' },
  experiment: { EDIT: 'experiment.update', MANAGE: 'experiment.delete' },
};

/** What a grant of `level` lets a user of `role` do: roles are checked before grants, so a viewer's EDIT grant only reads. */
export function effectiveLevel(type: GrantResourceType, role: Role, level: GrantLevel): GrantLevel {
  const perms = LEVEL_PERMISSIONS[type];
  if (level === 'MANAGE' && roleHasPermission(role, perms.MANAGE)) return 'MANAGE';
  if (level !== 'READ' && roleHasPermission(role, perms.EDIT)) return 'EDIT';
  return 'READ';
}
