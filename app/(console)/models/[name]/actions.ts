'use server';

import { formInput, runAction, type ActionState } from '@/lib/api/action';
import { emergencyRollback } from '@/lib/registry/emergency-rollback';
import { requestRollback } from '@/lib/registry/request-rollback';

const paths = (name: string) => ['/models', `/models/${encodeURIComponent(name)}`, '/sign-offs'];

export async function requestRollbackAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => requestRollback(actor, formInput(form, { name })), { revalidate: paths(name), message: 'Rollback requested; it waits for an approver in Sign-offs.' });
}

export async function emergencyRollbackAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => emergencyRollback(actor, formInput(form, { name })), { revalidate: paths(name), message: 'Production rolled back.' });
}
