import { describe, expect, it } from 'vitest';
import type { GrantLevel } from '@/db/schema/identity';
import { ForbiddenError } from '@/lib/errors';
import type { Actor } from './actor';
import { authorize, can, checkPermission, type GrantedResource } from './authorize';
import { PERMISSIONS, ROLES, roleHasPermission, type Permission, type Role } from './permissions';

/*
 * The whole role × permission matrix, written out by hand. Changing a line in permissions.ts (a role
 * added to or removed from a permission, a read turned into a write, a new permission) must change
 * this table too, so that the change is reviewed twice.
 *
 *   x = the role holds the permission, . = it does not
 *   kind: read | write (tokens need the `write` scope for writes)
 *   level: the resource grant needed on someone else's resource, or -
 */
const MATRIX = `
permission         viewer  scientist  approver  auditor  admin  kind   level
read                 x         x         x         x       x    read   -
self.read            x         x         x         x       x    read   -
token.create         x         x         x         x       x    write  -
token.revoke         x         x         x         x       x    write  -
token.manage         .         .         .         .       x    write  -
user.read            .         .         .         .       x    read   -
user.create          .         .         .         .       x    write  -
user.update          .         .         .         .       x    write  -
grant.manage         .         x         .         .       x    write  MANAGE
experiment.create    .         x         .         .       x    write  -
experiment.update    .         x         .         .       x    write  EDIT
experiment.delete    .         x         .         .       x    write  MANAGE
experiment.purge     .         x         .         .       x    write  MANAGE
run.create           .         x         .         .       x    write  EDIT
run.update           .         x         .         .       x    write  EDIT
run.delete           .         x         .         .       x    write  EDIT
model.create         .         x         .         .       x    write  -
model.update         .         x         .         .       x    write  EDIT
model.delete         .         x         .         .       x    write  MANAGE
version.create       .         x         .         .       x    write  EDIT
version.update       .         x         .         .       x    write  EDIT
version.delete       .         x         .         .       x    write  MANAGE
transition.request   .         x         .         .       x    write  -
transition.decide    .         .         x         .       x    write  -
transition.cancel    .         x         x         .       x    write  -
alias.protect        .         x         .         .       x    write  MANAGE
rollback.emergency   .         .         .         .       x    write  -
registry_policy.update .       .         .         x       x    write  -
audit.read           .         .         .         x       x    read   -
audit.export         .         .         .         x       x    read   -
`;

interface ExpectedRule {
  permission: string;
  roles: Role[];
  write: boolean;
  level: GrantLevel | null;
}

function parseMatrix(text: string): ExpectedRule[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.trim().split(/\s+/);
  expect(columns).toEqual(['permission', ...ROLES, 'kind', 'level']);
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/);
    expect(cells, `malformed matrix line: ${line}`).toHaveLength(columns.length);
    const [permission, ...rest] = cells;
    const marks = rest.slice(0, ROLES.length);
    const [kind, level] = rest.slice(ROLES.length);
    return {
      permission,
      roles: ROLES.filter((_, i) => marks[i] === 'x'),
      write: kind === 'write',
      level: level === '-' ? null : (level as GrantLevel),
    };
  });
}

const EXPECTED = parseMatrix(MATRIX);
const META = { requestId: null, ip: null, userAgent: null };

function user(role: Role, userId = `user-${role}`): Actor {
  return { kind: 'user', userId, email: `${role}@example.test`, name: role, role, meta: META };
}

function token(role: Role, scopes: ('read' | 'write')[], userId = `user-${role}`): Actor {
  return { ...user(role, userId), kind: 'token', tokenId: `token-${role}`, scopes };
}

describe('PERMISSIONS table', () => {
  it('has exactly the permissions listed in the matrix, no more and no fewer', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(EXPECTED.map((r) => r.permission).sort());
  });

  it.each(EXPECTED)('$permission is held by exactly the roles, kind and resource level of the matrix', (expected) => {
    const rule = PERMISSIONS[expected.permission as Permission];
    expect({ roles: [...rule.roles].sort(), write: rule.write, level: (rule as { resourceLevel?: GrantLevel }).resourceLevel ?? null }).toEqual({
      roles: [...expected.roles].sort(),
      write: expected.write,
      level: expected.level,
    });
    expect(typeof rule.description === 'string' && rule.description.length > 0).toBe(true);
  });

  const cells = EXPECTED.flatMap((r) => ROLES.map((role) => ({ permission: r.permission as Permission, role, allowed: r.roles.includes(role) })));
  it.each(cells)('$role on $permission: allowed=$allowed through roleHasPermission, checkPermission and can', ({ permission, role, allowed }) => {
    expect(roleHasPermission(role, permission)).toBe(allowed);
    expect(can({ role, kind: 'user' }, permission)).toBe(allowed);
    const decision = checkPermission(user(role), permission);
    if (allowed) expect(decision).toEqual({ ok: true });
    else
      expect(decision).toEqual({
        ok: false,
        code: 'forbidden',
        message: `The ${role} role may not ${PERMISSIONS[permission].description} (permission '${permission}').`,
      });
  });

  it('gives every role the read permission, so every signed-in user can open the console', () => {
    expect(ROLES.filter((role) => roleHasPermission(role, 'read'))).toEqual([...ROLES]);
  });
});

describe('authorize', () => {
  it('throws ForbiddenError with code forbidden naming the role and permission when the role lacks it', () => {
    let thrown: unknown;
    try {
      authorize(user('scientist'), 'user.create');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ForbiddenError);
    expect(thrown).toMatchObject({ kind: 'forbidden', code: 'forbidden', message: "The scientist role may not create users (permission 'user.create')." });
  });

  it('returns quietly when the role holds the permission', () => {
    expect(authorize(user('admin'), 'user.create')).toBeUndefined();
  });
});

describe('token scopes', () => {
  const writes = EXPECTED.filter((r) => r.write);
  const reads = EXPECTED.filter((r) => !r.write);

  it('the matrix has both reads and writes to check', () => {
    expect(writes.length).toBeGreaterThan(0);
    expect(reads.length).toBeGreaterThan(0);
  });

  it.each(writes)('refuses a read-only token of a role holding $permission with token_scope', ({ permission, roles }) => {
    for (const role of roles) {
      expect(checkPermission(token(role, ['read']), permission as Permission)).toEqual({
        ok: false,
        code: 'token_scope',
        message: `This API token has no 'write' scope; '${permission}' needs it.`,
      });
      expect(can({ role, kind: 'token', scopes: ['read'] }, permission as Permission)).toBe(false);
      expect(checkPermission(token(role, ['read', 'write']), permission as Permission)).toEqual({ ok: true });
    }
  });

  it.each(reads)('lets a read-only token of a role holding $permission read', ({ permission, roles }) => {
    for (const role of roles) expect(checkPermission(token(role, ['read']), permission as Permission)).toEqual({ ok: true });
  });

  it('checks the role before the scope: a read-only viewer token on user.create is forbidden, not token_scope', () => {
    expect(checkPermission(token('viewer', ['read']), 'user.create')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('treats a token with no scopes at all as read-only', () => {
    const actor: Actor = { ...user('admin'), kind: 'token', tokenId: 't' };
    expect(checkPermission(actor, 'user.create')).toMatchObject({ ok: false, code: 'token_scope' });
    expect(checkPermission(actor, 'user.read')).toEqual({ ok: true });
  });
});

describe('resource-level rules', () => {
  const LEVELS: GrantLevel[] = ['READ', 'EDIT', 'MANAGE'];
  const RANK: Record<GrantLevel, number> = { READ: 1, EDIT: 2, MANAGE: 3 };
  const scoped = EXPECTED.filter((r) => r.level !== null);

  function resource(ownerId: string | null, grantLevel: GrantLevel | null = null): GrantedResource {
    return { type: 'experiment', id: 'exp-1', ownerId, grantLevel };
  }

  it('the matrix has resource-scoped permissions to check', () => {
    expect(scoped.length).toBeGreaterThan(0);
  });

  it.each(scoped)('$permission: the owner may, whatever their grant', ({ permission, roles }) => {
    for (const role of roles.filter((r) => r !== 'admin')) {
      expect(checkPermission(user(role, 'owner-1'), permission as Permission, resource('owner-1'))).toEqual({ ok: true });
    }
  });

  it.each(scoped)('$permission: a non-owner needs a grant of at least the level; lower grants are refused with forbidden', ({ permission, roles, level }) => {
    const nonAdmins = roles.filter((r) => r !== 'admin');
    expect(nonAdmins.length).toBeGreaterThan(0);
    for (const role of nonAdmins) {
      const actor = user(role, 'someone-else');
      for (const grant of [null, ...LEVELS]) {
        const decision = checkPermission(actor, permission as Permission, resource('owner-1', grant));
        if (grant && RANK[grant] >= RANK[level!]) expect(decision, `${role} with ${grant}`).toEqual({ ok: true });
        else
          expect(decision, `${role} with ${grant ?? 'no grant'}`).toEqual({
            ok: false,
            code: 'forbidden',
            message: `You need ${level} on experiment 'exp-1' (owner or grant) to do this.`,
          });
      }
    }
  });

  it('grant.manage: a READ grant is not enough, an EDIT grant is not enough, a MANAGE grant is', () => {
    const scientist = user('scientist', 'grantee');
    expect(checkPermission(scientist, 'grant.manage', resource('owner-1', 'READ'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkPermission(scientist, 'grant.manage', resource('owner-1', 'EDIT'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkPermission(scientist, 'grant.manage', resource('owner-1', 'MANAGE'))).toEqual({ ok: true });
    expect(() => authorize(scientist, 'grant.manage', resource('owner-1', 'READ'))).toThrowError(
      expect.objectContaining({ code: 'forbidden', message: "You need MANAGE on experiment 'exp-1' (owner or grant) to do this." }),
    );
  });

  it('governs a resource nobody owns (ownerId null) by role alone, even for an actor without a user id', () => {
    expect(checkPermission(user('scientist'), 'grant.manage', resource(null))).toEqual({ ok: true });
    const actor: Actor = { ...user('scientist'), userId: null };
    expect(checkPermission(actor, 'experiment.delete', resource(null))).toEqual({ ok: true });
    expect(checkPermission(user('viewer'), 'experiment.delete', resource(null))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('run.update: an EDIT grant is enough, a READ grant is not', () => {
    const scientist = user('scientist', 'grantee');
    expect(checkPermission(scientist, 'run.update', resource('owner-1', 'READ'))).toEqual({
      ok: false,
      code: 'forbidden',
      message: "You need EDIT on experiment 'exp-1' (owner or grant) to do this.",
    });
    expect(checkPermission(scientist, 'run.update', resource('owner-1', 'EDIT'))).toEqual({ ok: true });
    expect(checkPermission(scientist, 'run.update', resource('owner-1', 'MANAGE'))).toEqual({ ok: true });
  });

  it('admins and the system actor bypass resource grants', () => {
    expect(checkPermission(user('admin', 'admin-1'), 'grant.manage', resource('owner-1'))).toEqual({ ok: true });
    const system: Actor = { kind: 'system', userId: null, email: null, name: 'system', role: 'scientist', meta: META };
    expect(checkPermission(system, 'grant.manage', resource('owner-1'))).toEqual({ ok: true });
  });

  it('still refuses a role without the permission before looking at the resource, even for the owner', () => {
    expect(checkPermission(user('viewer', 'owner-1'), 'grant.manage', resource('owner-1', 'MANAGE'))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('still refuses a read-only token of the owner on a resource-scoped write with token_scope', () => {
    expect(checkPermission(token('scientist', ['read'], 'owner-1'), 'grant.manage', resource('owner-1'))).toMatchObject({ ok: false, code: 'token_scope' });
  });

  it('checks only the role when the service passes no resource', () => {
    expect(checkPermission(user('scientist'), 'grant.manage')).toEqual({ ok: true });
  });
});
