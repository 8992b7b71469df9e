'use server';

import { formToObject, runAction, type ActionState } from '@/lib/api/action';
import { emailRefusalAsFieldError } from '@/lib/grants/form-state';
import { grantAccess } from '@/lib/grants/grant-access';
import { revokeGrant } from '@/lib/grants/revoke-grant';

const paths = (id: string) => [`/experiments/${id}`];

export async function grantExperimentAccessAction(id: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => grantAccess(actor, { ...formToObject(form), resourceType: 'experiment', id } as Parameters<typeof grantAccess>[1]), { revalidate: paths(id) });
  if (!state.ok || !state.data) return emailRefusalAsFieldError(state);
  const { change, grant } = state.data;
  const who = grant?.user.email ?? 'The user';
  return { ok: true, message: change === 'unchanged' ? `${who} already holds ${grant?.level}.` : `${who} now holds ${grant?.level}.` };
}

export async function revokeExperimentAccessAction(id: string, email: string): Promise<ActionState> {
  return runAction((actor) => revokeGrant(actor, { resourceType: 'experiment', id, email }), { revalidate: paths(id), message: `Access of ${email} revoked.` });
}
