'use server';

import { formInput, runAction, type ActionState } from '@/lib/api/action';
import { cancelTransition } from '@/lib/registry/cancel-transition';
import { decideTransition } from '@/lib/registry/decide-transition';

const paths = (model: string) => ['/sign-offs', '/models', `/models/${encodeURIComponent(model)}`];

export async function decideTransitionAction(id: string, model: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => decideTransition(actor, formInput(form, { id })), { revalidate: paths(model) });
}

export async function cancelTransitionAction(id: string, model: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => cancelTransition(actor, { id }), { revalidate: paths(model) });
}
