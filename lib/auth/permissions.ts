import type { Role } from '@/db/schema/identity';

export { ROLES, type Role } from '@/db/schema/identity';

const ALL: readonly Role[] = ['viewer', 'scientist', 'approver', 'auditor', 'admin'];

interface PermissionRule {
  roles: readonly Role[];
  description: string;
  /** A write changes state; tokens without the `write` scope may not use it. */
  write: boolean;
  /**
   * When set, the role check is not enough for a resource someone else owns: the actor must be the
   * owner, hold a grant of at least this level, or be an admin. Checked by `authorize` when the
   * service passes the resource.
   */
  resourceLevel?: 'READ' | 'EDIT' | 'MANAGE';
}

/**
 * The only place roles meet permissions. Every service names one of these keys; the UI reads the
 * same table to hide or disable controls. Reading is open to every signed-in role; each write is
 * its own permission.
 */
export const PERMISSIONS = {
  read: { roles: ALL, write: false, description: 'read experiments, runs, models, monitoring, governance and reports' },
  'self.read': { roles: ALL, write: false, description: 'see one’s own profile and tokens' },
  'token.create': { roles: ALL, write: true, description: 'create one’s own personal API tokens' },
  'token.revoke': { roles: ALL, write: true, description: 'revoke one’s own personal API tokens' },
  'token.manage': { roles: ['admin'], write: true, description: 'list and revoke any user’s API tokens' },
  'user.read': { roles: ['admin'], write: false, description: 'list users and their roles' },
  'user.create': { roles: ['admin'], write: true, description: 'create users' },
  'user.update': { roles: ['admin'], write: true, description: 'change a user’s role, name, or disable and enable them' },
  'grant.manage': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'MANAGE', description: 'grant others READ/EDIT/MANAGE on an experiment or model' },
  'experiment.create': { roles: ['scientist', 'admin'], write: true, description: 'create experiments' },
  'experiment.update': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'rename an experiment, edit its description and tags' },
  'experiment.delete': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'MANAGE', description: 'delete and restore an experiment' },
  'experiment.purge': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'MANAGE', description: 'permanently delete what an experiment holds in its trash' },
  'run.create': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'create runs in an experiment' },
  'run.update': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'log params, metrics, tags and datasets to a run, edit or end it' },
  'run.delete': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'delete and restore runs' },
  'model.create': { roles: ['scientist', 'admin'], write: true, description: 'register models' },
  'model.update': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'rename a registered model, edit its description, tags and unprotected aliases' },
  'model.delete': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'MANAGE', description: 'delete a registered model that has no version in Production' },
  'version.create': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'register new versions of a model' },
  'version.update': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'EDIT', description: 'edit a model version’s description, tags and model card' },
  'version.delete': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'MANAGE', description: 'delete a model version that is not in Production' },
  'transition.request': { roles: ['scientist', 'admin'], write: true, description: 'request stage transitions, alias moves and rollbacks' },
  'transition.decide': { roles: ['approver', 'admin'], write: true, description: 'approve or reject stage transitions (never one’s own request)' },
  'transition.cancel': { roles: ['scientist', 'approver', 'admin'], write: true, description: 'cancel one’s own pending transition request' },
  'alias.protect': { roles: ['scientist', 'admin'], write: true, resourceLevel: 'MANAGE', description: 'protect or unprotect a model alias' },
  'rollback.emergency': { roles: ['admin'], write: true, description: 'roll Production back at once, without approval, giving a reason' },
  'registry_policy.update': { roles: ['auditor', 'admin'], write: true, description: 'set how many approvals each stage or protected alias needs' },
  'audit.read': { roles: ['auditor', 'admin'], write: false, description: 'read the audit log and verify its chain' },
  'audit.export': { roles: ['auditor', 'admin'], write: false, description: 'export the audit log as CSV or JSON Lines' },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export function permissionRule(permission: Permission): PermissionRule {
  return PERMISSIONS[permission];
}

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}
