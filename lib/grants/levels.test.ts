import { describe, expect, it } from 'vitest';
import { ROLES } from '@/db/schema/identity';
import { checkPermission } from '@/lib/auth/authorize';
import { emailRefusalAsFieldError } from './form-state';
import { effectiveLevel } from './levels';

const actor = (role: (typeof ROLES)[number]) => ({ kind: 'user' as const, userId: 'u-1', email: 'u@x', name: 'U', role, meta: { requestId: null, ip: null, userAgent: null } });

describe('effectiveLevel', () => {
  it('agrees with authorize for every role, level and resource type', () => {
    for (const role of ROLES) {
      for (const level of ['READ', 'EDIT', 'MANAGE'] as const) {
        const grant = { ownerId: 'someone-else', grantLevel: level };
        const model = { type: 'registered_model', id: 'm', ...grant };
        const exp = { type: 'experiment', id: '1', ...grant };
        const expectModel = checkPermission(actor(role), 'model.delete', model).ok ? 'MANAGE' : checkPermission(actor(role), 'model.update', model).ok ? 'EDIT' : 'READ';
        const expectExp = checkPermission(actor(role), 'experiment.delete', exp).ok ? 'MANAGE' : checkPermission(actor(role), 'experiment.update', exp).ok ? 'EDIT' : 'READ';
        // Admins pass on role alone; a grant is what the table speaks of, so cap by the level held.
        const cap = (l: string) => (role === 'admin' ? level : l);
        expect(effectiveLevel('registered_model', role, level), `${role} ${level} on a model`).toBe(cap(expectModel));
        expect(effectiveLevel('experiment', role, level), `${role} ${level} on an experiment`).toBe(cap(expectExp));
      }
    }
  });

  it('gives a viewer READ whatever the grant, a scientist the level granted', () => {
    expect(effectiveLevel('registered_model', 'viewer', 'MANAGE')).toBe('READ');
    expect(effectiveLevel('experiment', 'approver', 'EDIT')).toBe('READ');
    expect(effectiveLevel('registered_model', 'scientist', 'EDIT')).toBe('EDIT');
    expect(effectiveLevel('experiment', 'scientist', 'MANAGE')).toBe('MANAGE');
  });
});

describe('emailRefusalAsFieldError', () => {
  it('moves a refusal about the grantee under the email field, and leaves others alone', () => {
    expect(emailRefusalAsFieldError({ ok: false, code: 'unknown_user', message: "email: no user has the email 'a@b.c'." })).toMatchObject({ fieldErrors: { email: "no user has the email 'a@b.c'." } });
    const forbidden = { ok: false, code: 'forbidden', message: 'You need MANAGE' };
    expect(emailRefusalAsFieldError(forbidden)).toBe(forbidden);
    const ok = { ok: true, message: 'fine' };
    expect(emailRefusalAsFieldError(ok)).toBe(ok);
  });
});
