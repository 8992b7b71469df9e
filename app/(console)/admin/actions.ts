'use server';

import { formInput, runAction, type ActionState } from '@/lib/api/action';
import { revokeToken } from '@/lib/tokens/revoke-token';
import { createUser } from '@/lib/users/create-user';
import { updateUser } from '@/lib/users/update-user';
import type { UserView } from '@/lib/users/schemas';

const USERS = ['/admin/users'];
const TOKENS = ['/admin/tokens', '/settings/tokens'];

export async function createUserAction(_prev: ActionState<UserView>, form: FormData): Promise<ActionState<UserView>> {
  return runAction((actor) => createUser(actor, formInput(form)), { revalidate: USERS });
}

export async function changeUserRoleAction(id: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => updateUser(actor, formInput(form, { id })), { revalidate: USERS });
}

export async function setUserDisabledAction(id: string, disabled: boolean, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => updateUser(actor, { id, disabled }), { revalidate: USERS });
}

export async function revokeAnyTokenAction(id: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => revokeToken(actor, { id }), { revalidate: TOKENS });
}
