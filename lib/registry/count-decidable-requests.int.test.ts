import { describe, expect, it } from 'vitest';
import { makeUser } from '@/test/factories';
import { countDecidableRequests } from './count-decidable-requests';
import { decideTransition } from './decide-transition';
import { requestTransition } from './request-transition';
import { makeModel, makeVersions } from './test-support';

describe('countDecidableRequests', () => {
  it('counts pending requests an approver could decide, not the requester’s own, and drops them once decided', async () => {
    const scientist = await makeUser('scientist');
    const approver = await makeUser('approver');
    const admin = await makeUser('admin');
    const before = (await countDecidableRequests(approver, {})).count;
    const adminBefore = (await countDecidableRequests(admin, {})).count;
    const model = await makeModel(scientist);
    await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(admin, { name: model.name, version: 1, target: 'Staging' });

    expect((await countDecidableRequests(approver, {})).count).toBe(before + 1);
    expect((await countDecidableRequests(admin, {})).count, 'the admin asked, so it is not theirs to decide').toBe(adminBefore);
    expect((await countDecidableRequests(scientist, {})).count, 'scientists do not decide').toBe(0);

    await decideTransition(approver, { id: request.id, decision: 'approve' });
    expect((await countDecidableRequests(approver, {})).count).toBe(before);
  });
});
