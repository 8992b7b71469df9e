import { describe, expect, it } from 'vitest';
import { runRights } from './run-rights';

const as = (role: 'viewer' | 'scientist' | 'admin') => ({ role, kind: 'user' as const, scopes: undefined });

describe('runRights', () => {
  it('offers logging and editing to a scientist on a running run', () => {
    expect(runRights(as('scientist'), { status: 'RUNNING', lifecycleStage: 'active' })).toEqual({ edit: true, log: true, logReason: null, editReason: null });
  });

  it('keeps editing but not logging once the run has finished, and says why', () => {
    const r = runRights(as('scientist'), { status: 'FINISHED', lifecycleStage: 'active' });
    expect(r.edit).toBe(true);
    expect(r.log).toBe(false);
    expect(r.logReason).toContain('finished');
  });

  it('offers a viewer nothing, naming the role', () => {
    const r = runRights(as('viewer'), { status: 'RUNNING', lifecycleStage: 'active' });
    expect(r).toMatchObject({ edit: false, log: false });
    expect(r.logReason).toContain('viewer');
  });

  it('offers nothing on a run in the trash', () => {
    expect(runRights(as('admin'), { status: 'RUNNING', lifecycleStage: 'deleted' })).toMatchObject({ edit: false, log: false });
  });
});
