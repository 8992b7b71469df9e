'use server';

import { formInput, runAction, type ActionState } from '@/lib/api/action';
import { createToken } from '@/lib/tokens/create-token';
import { revokeToken } from '@/lib/tokens/revoke-token';

type CreatedToken = Awaited<ReturnType<typeof createToken>>;
const TOKENS = ['/settings/tokens', '/admin/tokens'];

// Scopes are checkboxes: always a list, so none ticked is reported instead of defaulting to read.
export async function createTokenAction(_prev: ActionState<CreatedToken>, form: FormData): Promise<ActionState<CreatedToken>> {
  return runAction((actor) => createToken(actor, formInput(form, { scopes: form.getAll('scopes') })), { revalidate: TOKENS });
}

export async function revokeOwnTokenAction(id: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => revokeToken(actor, { id }), { revalidate: TOKENS });
}
